import { defineMessages } from './types';

/** The operator's and the resellers' overview cards, and the plugins' figures in company lists. */
export default defineMessages({
  en: {
    overviewFigures: {
      platformTitle: 'The platform at a glance',
      resellerTitle: 'Your companies at a glance',
      companies: 'Companies',
      newThisWeek: '{n} new in the last 7 days',
      direct: '{n} without a reseller',
      resellers: 'Resellers',
      resellersByStatus: '{active} active · {suspended} suspended',
      projects: 'Projects',
      members: '{n} members in all',
      byStatus: 'Companies by status',
      noCompanies: 'No companies yet.',
      previous: 'Previous period',
      new: 'new',
      same: 'no change',
      noneHint: 'No figure: the plugin is switched off for this company',
    },
  },
  'zh-CN': {
    overviewFigures: {
      platformTitle: '平台概况',
      resellerTitle: '您的公司概况',
      companies: '公司',
      newThisWeek: '最近 7 天新增 {n} 家',
      direct: '{n} 家无代理商',
      resellers: '代理商',
      resellersByStatus: '{active} 家正常 · {suspended} 家已暂停',
      projects: '项目',
      members: '共 {n} 名成员',
      byStatus: '公司状态分布',
      noCompanies: '还没有公司。',
      previous: '上一周期',
      new: '新增',
      same: '持平',
      noneHint: '无数据：该公司的此插件已关闭',
    },
  },
});
