import { pluginName } from './name.js';

const en = pluginName.en;
const zh = pluginName['zh-CN'];

/** The plugin's messages, registered under `template.…` in the console's i18n (the plugin's id). */
export const messages = {
  en: {
    nav: en,
    title: en,
    subtitle: `Items of your company. Members whose role holds “View and add ${en} items” see this page.`,
    count: 'No items | One item | {n} items',
    empty: 'No items yet: add the first one above.',
    /** The overview's shortcut to the page, by the nav entry's key in camelCase. */
    shortcuts: { templateItems: 'Items of your company: list them and add new ones.' },
    columns: { name: 'Name', createdAt: 'Added' },
    form: {
      name: 'Name',
      placeholder: 'Name of a new item',
      add: 'Add',
      added: 'Added “{name}”',
      required: 'Enter a name',
      tooLong: 'At most {max} characters',
    },
    /** How the company's audit log names the plugin's actions (`auditActions` in src/web/index.ts). */
    audit: { itemCreate: 'Added an item' },
  },
  'zh-CN': {
    nav: zh,
    title: zh,
    subtitle: `本公司的条目。角色拥有“查看和添加${zh}条目”权限的成员可见此页。`,
    count: '暂无条目 | 共 1 条 | 共 {n} 条',
    empty: '暂无条目：在上方添加第一条。',
    shortcuts: { templateItems: '本公司的条目：查看并添加。' },
    columns: { name: '名称', createdAt: '添加时间' },
    form: {
      name: '名称',
      placeholder: '新条目的名称',
      add: '添加',
      added: '已添加“{name}”',
      required: '请输入名称',
      tooLong: '最多 {max} 个字符',
    },
    audit: { itemCreate: '添加条目' },
  },
};
