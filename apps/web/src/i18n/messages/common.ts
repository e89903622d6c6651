import { defineMessages } from './types';

export default defineMessages({
  en: {
    app: { name: 'RTC Console' },
    common: {
      save: 'Save', saved: 'Saved', cancel: 'Cancel', confirm: 'Confirm', create: 'Create', edit: 'Edit', delete: 'Delete',
      remove: 'Remove', search: 'Search', actions: 'Actions', loading: 'Loading…', close: 'Close', copy: 'Copy', copied: 'Copied',
      copyFailed: 'Could not copy; select the text and copy it by hand', refresh: 'Refresh', back: 'Back', total: '{n} in total',
      createdAt: 'Created', updatedAt: 'Updated', all: 'All', none: 'None', yes: 'Yes', no: 'No', optional: 'optional', reset: 'Reset',
    },
    nav: {
      overview: 'Overview', projects: 'Projects', team: 'Members', roles: 'Roles', audit: 'Audit log', profile: 'Profile',
      operatorCompanies: 'All companies', ingestKeys: 'Ingest keys', jobs: 'Jobs', resellerCompanies: 'Companies', resellerSettings: 'Settings', companySettings: 'Settings', sections: { reseller: 'Reseller console', operator: 'Platform' },
    },
    companySettings: {
      subtitle: 'How {company} signs in and uses the console’s plugins.', none: 'No plugin has settings for your company.',
      saved: 'Settings saved', loadFailed: 'The settings could not be loaded', updatedAt: 'Last changed {time}',
      secretSet: 'Set', secretNotSet: 'Not set', enterSecret: 'Enter a value (stored encrypted, never shown again)', replaceSecret: 'Enter a new value to replace the stored one',
      clear: 'Clear', clearTitle: 'Clear {name}?', clearContent: 'The stored value is deleted. What uses it stops working until a new one is set.', cleared: 'Cleared',
    },
    layout: { company: 'Company', switched: 'Now working in {name}' },
    system: {
      noPermissionTitle: 'No permission', noPermission: 'Your role in this company does not allow this page. Ask an admin if you need it.',
      notFound: 'Not found', notFoundText: 'This page does not exist, or it belongs to another company.', backHome: 'Back to the overview',
    },
    reauth: { title: 'Confirm your password', text: 'For your security, enter your password again to see or change secrets.' },
    validation: {
      required: 'Required', minLength: 'At least {min} characters', maxLength: 'At most {max} characters', email: 'Enter a valid email address',
      min: 'At least {min}', max: 'At most {max}', minItems: 'At least {min} items', maxItems: 'At most {max} items', format: 'Invalid format',
      choice: 'Pick one of the options', passwordsDiffer: 'The two passwords differ',
      passwordCommon: 'This password is too common: attackers try it first. Choose another', passwordContext: 'The password must not contain your e-mail address or your name',
    },
    errors: {
      BAD_REQUEST: 'The request could not be understood', VALIDATION_FAILED: 'Please correct the form', UNAUTHENTICATED: 'Please sign in',
      INVALID_CREDENTIALS: 'Email or password is incorrect', REAUTH_REQUIRED: 'Enter your password again to continue',
      CSRF_FAILED: 'Your session changed; reload the page and try again', FORBIDDEN: 'You do not have permission to do this',
      NOT_FOUND: 'Not found', CONFLICT: 'Conflict', LIMIT_REACHED: 'Limit reached', LAST_ADMIN: 'The company must keep at least one admin',
      ESCALATION: 'You cannot grant a role with more rights than your own', PAYLOAD_TOO_LARGE: 'Too much data in one request',
      RATE_LIMITED: 'Too many attempts; try again in {seconds} seconds', TOKEN_INVALID: 'This link is invalid or has expired; ask for a new one',
      COMPANY_BLOCKED: 'This company account is blocked', RESELLER_SUSPENDED: 'This reseller account is suspended; contact the platform operator', SETTINGS_UNREADABLE: 'The stored secrets cannot be read with this server’s key; set them again',
      SIGN_UP_CLOSED: 'Sign-up is closed; ask the platform operator for an account', SIGN_UP_BY_INVITATION: 'Sign-up is by invitation only: ask an admin of your company to invite you',
      SIGN_UP_LINK_USED: 'This link was already used; sign in with your e-mail and password', SIGN_UP_LINK_EXPIRED: 'This link has expired; sign up again to get a new one',
      EMAIL_TAKEN: 'This e-mail already has an account; sign in instead', INTERNAL: 'Something went wrong; please try again', NETWORK: 'The console cannot reach the server',
      TWO_FACTOR_REQUIRED: 'Enter the code of your authenticator app to finish signing in', TWO_FACTOR_SETUP_REQUIRED: 'Set up two-factor sign-in to continue',
      TWO_FACTOR_REQUIRED_BY_POLICY: 'Two-factor sign-in is required for your account; it cannot be turned off', INVALID_CODE: 'The code is not correct or was already used',
    },
  },
  'zh-CN': {
    app: { name: 'RTC 控制台' },
    common: {
      save: '保存', saved: '已保存', cancel: '取消', confirm: '确定', create: '创建', edit: '编辑', delete: '删除',
      remove: '移除', search: '搜索', actions: '操作', loading: '加载中…', close: '关闭', copy: '复制', copied: '已复制',
      copyFailed: '无法复制，请手动选择文本复制', refresh: '刷新', back: '返回', total: '共 {n} 条',
      createdAt: '创建时间', updatedAt: '更新时间', all: '全部', none: '无', yes: '是', no: '否', optional: '可选', reset: '重置',
    },
    nav: {
      overview: '概览', projects: '项目管理', team: '成员管理', roles: '角色权限', audit: '审计日志', profile: '个人信息',
      operatorCompanies: '所有公司', ingestKeys: '数据上报密钥', jobs: '后台任务', resellerCompanies: '公司管理', resellerSettings: '设置', companySettings: '公司设置', sections: { reseller: '代理商控制台', operator: '平台管理' },
    },
    companySettings: {
      subtitle: '{company} 的登录要求和插件设置。', none: '暂无插件为本公司提供设置。',
      saved: '设置已保存', loadFailed: '无法加载设置', updatedAt: '上次修改于 {time}',
      secretSet: '已设置', secretNotSet: '未设置', enterSecret: '输入值（加密保存，不再显示）', replaceSecret: '输入新值以替换已保存的值',
      clear: '清除', clearTitle: '清除{name}？', clearContent: '已保存的值将被删除，使用它的功能将停止工作，直到设置新值。', cleared: '已清除',
    },
    layout: { company: '公司', switched: '已切换到 {name}' },
    system: {
      noPermissionTitle: '没有权限', noPermission: '您在该公司的角色无权访问此页面。如需访问，请联系管理员。',
      notFound: '页面不存在', notFoundText: '该页面不存在，或属于其他公司。', backHome: '返回概览',
    },
    reauth: { title: '确认密码', text: '为了您的账号安全，查看或修改密钥前请再次输入密码。' },
    validation: {
      required: '必填', minLength: '至少 {min} 个字符', maxLength: '最多 {max} 个字符', email: '请输入有效的邮箱地址',
      min: '不能小于 {min}', max: '不能大于 {max}', minItems: '至少 {min} 项', maxItems: '最多 {max} 项', format: '格式不正确',
      choice: '请选择一个选项', passwordsDiffer: '两次输入的密码不一致',
      passwordCommon: '该密码过于常见，攻击者会优先尝试，请换一个', passwordContext: '密码不能包含您的邮箱地址或姓名',
    },
    errors: {
      BAD_REQUEST: '无法处理该请求', VALIDATION_FAILED: '请修正表单中的错误', UNAUTHENTICATED: '请先登录',
      INVALID_CREDENTIALS: '邮箱或密码不正确', REAUTH_REQUIRED: '请再次输入密码以继续',
      CSRF_FAILED: '会话已变化，请刷新页面后重试', FORBIDDEN: '您没有执行此操作的权限',
      NOT_FOUND: '未找到', CONFLICT: '冲突', LIMIT_REACHED: '已达上限', LAST_ADMIN: '公司至少需要保留一名管理员',
      ESCALATION: '不能授予超出您自身权限的角色', PAYLOAD_TOO_LARGE: '单次提交的数据过多',
      RATE_LIMITED: '尝试次数过多，请 {seconds} 秒后再试', TOKEN_INVALID: '该链接无效或已过期，请重新申请',
      COMPANY_BLOCKED: '该公司账号已被封禁', RESELLER_SUSPENDED: '该代理商账号已被暂停，请联系平台运营方', SETTINGS_UNREADABLE: '已保存的密钥无法用本服务器的密钥读取，请重新设置',
      SIGN_UP_CLOSED: '注册已关闭，请联系平台运营方开通账号', SIGN_UP_BY_INVITATION: '仅限邀请注册：请让您公司的管理员邀请您',
      SIGN_UP_LINK_USED: '该链接已被使用，请使用邮箱和密码登录', SIGN_UP_LINK_EXPIRED: '该链接已过期，请重新注册以获取新链接',
      EMAIL_TAKEN: '该邮箱已有账号，请直接登录', INTERNAL: '出错了，请重试', NETWORK: '控制台无法连接服务器',
      TWO_FACTOR_REQUIRED: '请输入身份验证器应用中的验证码以完成登录', TWO_FACTOR_SETUP_REQUIRED: '请先设置两步验证登录',
      TWO_FACTOR_REQUIRED_BY_POLICY: '您的账号必须启用两步验证，无法关闭', INVALID_CODE: '验证码不正确或已使用',
    },
  },
});
