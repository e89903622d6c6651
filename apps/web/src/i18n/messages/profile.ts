import { defineMessages } from './types';

export default defineMessages({
  en: {
    profile: {
      subtitle: 'Your own account: it is the same in every company you belong to.',
      account: 'Account', email: 'Email', name: 'Name', language: 'Language',
      company: 'Current company', role: 'Your role',
      otherCompanies: 'You also belong to one other company; switch to it at the top of the page. | You also belong to {n} other companies; switch between them at the top of the page.',
      password: {
        title: 'Change password',
        intro: 'Changing your password signs you out everywhere else; this browser stays signed in.',
        current: 'Current password', new: 'New password', newHint: 'At least 8 characters', confirm: 'Confirm new password',
        submit: 'Change password', changed: 'Password changed',
        changedDetail: 'Your password was changed. Your other sessions were signed out, and we sent you an email about the change.',
        wrongCurrent: 'The current password is not correct',
      },
    },
  },
  'zh-CN': {
    profile: {
      subtitle: '您的个人账号信息，在您所属的各个公司中通用。',
      account: '账号信息', email: '邮箱', name: '姓名', language: '界面语言',
      company: '当前公司', role: '我的角色',
      otherCompanies: '您还属于另外 1 家公司，可在页面顶部切换。 | 您还属于另外 {n} 家公司，可在页面顶部切换。',
      password: {
        title: '修改密码',
        intro: '修改密码后，您在其他设备和浏览器上的登录都将失效，当前浏览器保持登录。',
        current: '当前密码', new: '新密码', newHint: '至少 8 个字符', confirm: '确认新密码',
        submit: '修改密码', changed: '密码已修改',
        changedDetail: '密码已修改。您在其他设备上的登录已全部退出，我们也向您的邮箱发送了通知。',
        wrongCurrent: '当前密码不正确',
      },
    },
  },
});
