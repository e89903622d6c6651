import { defineMessages } from './types';

export default defineMessages({
  en: {
    audit: {
      subtitle: 'Who changed what in this company, newest first. Expand a row to see the changes.',
      time: 'Time', actor: 'Actor', action: 'Action', target: 'Target', ip: 'IP address',
      actorSystem: 'System', actorReseller: 'Reseller {name}',
      empty: 'Nothing has been recorded yet',
      emptyFiltered: 'No entries match these filters',
      filter: {
        allActions: 'All actions', actor: 'Actor email', targetType: 'Target type',
        allTargets: 'All targets', from: 'From', to: 'To', reset: 'Reset filters', onlyTarget: 'Only {target}',
      },
      areas: { project: 'Projects', member: 'Members', role: 'Roles', company: 'Company' },
      pluginAll: 'All {plugin} actions',
      areaAll: { project: 'All project actions', member: 'All member actions', role: 'All role actions', company: 'All company actions' },
      targets: { Project: 'Project', Member: 'Member', Invitation: 'Invitation', Role: 'Role', Company: 'Company' },
      actions: {
        project_create: 'Created a project', project_update: 'Edited a project', project_enable: 'Enabled a project',
        project_disable: 'Disabled a project', project_delete: 'Deleted a project',
        project_certificate_enable: 'Enabled the App Certificate', project_certificate_reveal: 'Viewed the App Certificate',
        project_certificate_rotate: 'Rotated the App Certificate',
        member_invite: 'Invited a member', member_invite_revoke: 'Withdrew an invitation', member_join: 'Joined the company',
        member_role_change: "Changed a member's role", member_remove: 'Removed a member', member_password_reset: "Reset a member's password",
        role_create: 'Created a role', role_update: 'Edited a role', role_delete: 'Deleted a role',
        company_create: 'Created the company',
        company_freeze: 'Froze the company account', company_unfreeze: 'Unfroze the company account',
        company_reseller_remove: 'Removed the company from the reseller account', company_visit: 'Visited the dashboard',
      },
      fields: {
        name: 'Name', email: 'Email', role: 'Role', status: 'Status', appId: 'App ID', region: 'Region', billingType: 'Billing type',
        recordingServers: 'Recording servers', description: 'Description', permissions: 'Permissions', projectIds: 'Projects',
      },
      diff: {
        field: 'Field', before: 'Before', after: 'After', none: 'No field changes were recorded for this action.',
        redacted: 'hidden', emptyList: 'none', allProjects: 'All projects',
      },
    },
  },
  'zh-CN': {
    audit: {
      subtitle: '记录本公司内的所有变更操作，最新的在前。展开一行可查看变更详情。',
      time: '时间', actor: '操作人', action: '操作', target: '操作对象', ip: 'IP 地址',
      actorSystem: '系统', actorReseller: '代理商 {name}',
      empty: '暂无操作记录',
      emptyFiltered: '没有符合筛选条件的记录',
      filter: {
        allActions: '全部操作', actor: '操作人邮箱', targetType: '对象类型',
        allTargets: '全部对象', from: '开始时间', to: '结束时间', reset: '重置筛选', onlyTarget: '仅看 {target}',
      },
      areas: { project: '项目', member: '成员', role: '角色', company: '公司' },
      pluginAll: '全部{plugin}操作',
      areaAll: { project: '全部项目操作', member: '全部成员操作', role: '全部角色操作', company: '全部公司操作' },
      targets: { Project: '项目', Member: '成员', Invitation: '邀请', Role: '角色', Company: '公司' },
      actions: {
        project_create: '创建项目', project_update: '编辑项目', project_enable: '启用项目',
        project_disable: '停用项目', project_delete: '删除项目',
        project_certificate_enable: '启用 App 证书', project_certificate_reveal: '查看 App 证书',
        project_certificate_rotate: '更换 App 证书',
        member_invite: '邀请成员', member_invite_revoke: '撤回邀请', member_join: '加入公司',
        member_role_change: '修改成员角色', member_remove: '移除成员', member_password_reset: '重置成员密码',
        role_create: '创建角色', role_update: '编辑角色', role_delete: '删除角色',
        company_create: '创建公司',
        company_freeze: '冻结公司账号', company_unfreeze: '解冻公司账号',
        company_reseller_remove: '将公司移出代理商账号', company_visit: '访问 Dashboard',
      },
      fields: {
        name: '名称', email: '邮箱', role: '角色', status: '状态', appId: 'App ID', region: '服务区域', billingType: '计费类型',
        recordingServers: '录制服务器', description: '描述', permissions: '权限', projectIds: '项目范围',
      },
      diff: {
        field: '字段', before: '变更前', after: '变更后', none: '该操作没有记录字段变更。',
        redacted: '已隐藏', emptyList: '无', allProjects: '全部项目',
      },
    },
  },
});
