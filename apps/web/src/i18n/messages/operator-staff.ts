import { defineMessages } from './types';

/** The operator's staff page and the platform settings page. */
export default defineMessages({
  en: {
    operatorStaff: {
      nav: 'Operator staff',
      subtitle: 'The people who run the platform, and what each operator role lets them do.',
      searchPlaceholder: 'Search by name or e-mail',
      name: 'Name', email: 'E-mail', role: 'Operator role', lastSignIn: 'Last sign-in', never: 'Not yet', noPassword: 'Invited, no password yet', you: 'You',
      empty: 'Nobody matches the search.',
      rolesTitle: 'Operator roles',
      invite: {
        button: 'Invite staff', title: 'Invite to the operator staff',
        intro: 'They get an e-mail with a one-time link to choose a password. An existing account is given the role and gets the link too.',
        namePlaceholder: "Optional: the part of the address before {'@'} otherwise", emailPlaceholder: "name{'@'}example.com",
        submit: 'Send invitation', sent: 'Invitation sent to {email}', already: '{email} is already on the operator staff: change their role instead.',
      },
      changeRole: { button: 'Change role', title: 'Operator role of {name}', submit: 'Save role', done: '{name} is now {role}', selfHint: 'This is your own role: with another one you lose access to the pages it does not allow.' },
      remove: {
        button: 'Remove', title: 'Remove {name} from the operator staff?',
        text: '{name} ({email}) loses every operator right and is signed out at once. Their account stays, with any company membership.',
        selfText: 'You lose every operator right and are signed out at once.',
        submit: 'Remove', done: '{name} was removed from the operator staff',
      },
      lastAdmin: 'This is the last operator admin: make someone else an operator admin first.',
    },
    platformSettings: {
      nav: 'Platform settings',
      subtitle: 'Who may sign up, what new companies start with, who the console’s mail comes from, and how staff sign in.',
      signUp: 'Self sign-up',
      signUpModes: {
        open: 'Open', openHint: 'Anyone may sign up and get a direct company of their own after verifying their e-mail.',
        invitation: 'By invitation only', invitationHint: 'Only people with an invitation may sign up; the sign-up page refuses everyone else.',
        closed: 'Closed', closedHint: 'Nobody may sign up: accounts come from invitations, resellers and the operator only.',
      },
      limits: 'Limits of new companies', limitsHint: 'What a company starts with when it is created; each company’s own limits can be changed later.',
      defaultAppLimit: 'Projects (App IDs)', defaultMemberLimit: 'Members',
      mail: 'E-mail', mailFrom: 'Sender address', mailFromHint: 'Every e-mail of the console is sent from this address. Empty: {configured} (MAIL_FROM).',
      security: 'Security', requireStaffTwoFactor: 'Require two-factor sign-in for operator and reseller staff',
      requireStaffTwoFactorHint: 'Staff without a second factor are taken to set one up after the password step.',
      saved: 'Platform settings saved',
      testMail: {
        title: 'Send a test e-mail', hint: 'Checks that the console’s mail gets through, from the sender above (save it first).',
        to: 'To', toPlaceholder: 'Empty: to you ({email})', send: 'Send test e-mail',
        sent: 'Test e-mail sent to {to} from {from}', kept: 'No SMTP server is configured: the test e-mail to {to} was kept in the outbox (from {from})',
        failed: 'The test e-mail to {to} could not be delivered; it is kept in the outbox with the error',
      },
    },
  },
  'zh-CN': {
    operatorStaff: {
      nav: '运营人员',
      subtitle: '运营平台的人员，以及每个运营角色可以做什么。',
      searchPlaceholder: '按姓名或邮箱搜索',
      name: '姓名', email: '邮箱', role: '运营角色', lastSignIn: '最近登录', never: '尚未登录', noPassword: '已邀请，尚未设置密码', you: '我',
      empty: '没有匹配的人员。',
      rolesTitle: '运营角色',
      invite: {
        button: '邀请人员', title: '邀请加入运营团队',
        intro: '对方会收到一封邮件，内含设置密码的一次性链接。已有账户的地址会被授予该角色，同样收到链接。',
        namePlaceholder: "可选：默认取邮箱 {'@'} 前的部分", emailPlaceholder: "name{'@'}example.com",
        submit: '发送邀请', sent: '已向 {email} 发送邀请', already: '{email} 已是运营人员，请改为修改其角色。',
      },
      changeRole: { button: '修改角色', title: '{name} 的运营角色', submit: '保存角色', done: '{name} 现在是{role}', selfHint: '这是您自己的角色：改为其他角色后，您将无法访问该角色不允许的页面。' },
      remove: {
        button: '移除', title: '将 {name} 移出运营团队？',
        text: '{name}（{email}）将立即失去所有运营权限并退出登录。其账户及所属公司的成员身份保留。',
        selfText: '您将立即失去所有运营权限并退出登录。',
        submit: '移除', done: '已将 {name} 移出运营团队',
      },
      lastAdmin: '这是最后一位运营管理员：请先将其他人设为运营管理员。',
    },
    platformSettings: {
      nav: '平台设置',
      subtitle: '谁可以自助注册、新公司的初始配额、控制台邮件的发件人，以及员工的登录方式。',
      signUp: '自助注册',
      signUpModes: {
        open: '开放', openHint: '任何人都可以注册，验证邮箱后获得一个直属公司。',
        invitation: '仅限邀请', invitationHint: '只有持邀请的人可以注册，注册页面会拒绝其他所有人。',
        closed: '关闭', closedHint: '不允许自助注册：账户只能通过邀请、代理商或运营方创建。',
      },
      limits: '新公司的配额', limitsHint: '公司创建时的初始配额；之后可以单独修改每个公司的配额。',
      defaultAppLimit: '项目数（App ID）', defaultMemberLimit: '成员数',
      mail: '邮件', mailFrom: '发件人地址', mailFromHint: '控制台的所有邮件都从此地址发出。留空：{configured}（MAIL_FROM）。',
      security: '安全', requireStaffTwoFactor: '要求运营人员和代理商员工使用两步验证登录',
      requireStaffTwoFactorHint: '未设置第二因素的员工在输入密码后会被引导去设置。',
      saved: '平台设置已保存',
      testMail: {
        title: '发送测试邮件', hint: '检查控制台的邮件能否送达，发件人为上面的地址（请先保存）。',
        to: '收件人', toPlaceholder: '留空：发给您自己（{email}）', send: '发送测试邮件',
        sent: '测试邮件已从 {from} 发送到 {to}', kept: '未配置 SMTP 服务器：发往 {to} 的测试邮件已保存在发件箱中（发件人 {from}）',
        failed: '发往 {to} 的测试邮件投递失败，已连同错误信息保存在发件箱中',
      },
    },
  },
});
