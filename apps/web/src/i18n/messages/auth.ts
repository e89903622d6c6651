import { defineMessages } from './types';

export default defineMessages({
  en: {
    auth: {
      signIn: 'Sign in', signOut: 'Sign out', signInIntro: 'Sign in with the email and password of your console account.',
      email: 'Email', emailPlaceholder: "you{'@'}company.com", password: 'Password', forgot: 'Forgot your password?',
      sessionEnded: 'Your session ended. Please sign in again.', resetDone: 'Your password was changed. Sign in with the new one.',
      forgotTitle: 'Reset your password', forgotIntro: 'Enter your account email and we will send you a link to choose a new password.',
      forgotSent: 'If this address has an account, a reset link is on its way. The link works once and expires in an hour.',
      sendLink: 'Send reset link', backToSignIn: 'Back to sign-in', resetTitle: 'Choose a new password',
      resetIntro: 'At least 8 characters. Your other sessions will be signed out.', newPassword: 'New password',
      confirmPassword: 'Confirm password', setPassword: 'Set password', askNewLink: 'Ask for a new link',
      linkMissing: 'This link is incomplete. Open the link from the email again.',
    },
    invite: {
      title: 'Join a company', company: 'Company', role: 'Role', accept: 'Accept and join',
      newHint: 'Choose your name and a password to create your console account.',
      existingHint: 'This email already has a console account. Enter its password to join.',
    },
  },
  'zh-CN': {
    auth: {
      signIn: '登录', signOut: '退出登录', signInIntro: '使用控制台账号的邮箱和密码登录。',
      email: '邮箱', emailPlaceholder: "you{'@'}company.com", password: '密码', forgot: '忘记密码？',
      sessionEnded: '会话已结束，请重新登录。', resetDone: '密码已修改，请使用新密码登录。',
      forgotTitle: '重置密码', forgotIntro: '输入账号邮箱，我们将发送设置新密码的链接。',
      forgotSent: '如果该邮箱已注册，重置链接已发出。链接只能使用一次，1 小时内有效。',
      sendLink: '发送重置链接', backToSignIn: '返回登录', resetTitle: '设置新密码',
      resetIntro: '至少 8 个字符。您的其他会话将被退出。', newPassword: '新密码',
      confirmPassword: '确认密码', setPassword: '设置密码', askNewLink: '重新申请链接',
      linkMissing: '链接不完整，请重新打开邮件中的链接。',
    },
    invite: {
      title: '加入公司', company: '公司', role: '角色', accept: '接受并加入',
      newHint: '填写姓名并设置密码，创建您的控制台账号。',
      existingHint: '该邮箱已有控制台账号，请输入其密码加入。',
    },
  },
});
