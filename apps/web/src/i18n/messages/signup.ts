import { defineMessages } from './types';

export default defineMessages({
  en: {
    signUp: {
      title: 'Create your account', intro: 'Open a console account for your company. We e-mail you a link to verify your address before the account is opened.',
      link: 'No account yet? Sign up', haveAccount: 'Already have an account? Sign in',
      name: 'Your name', email: 'Work e-mail', password: 'Password',
      passwordHint: 'At least 8 characters; spaces and any language are welcome. Common passwords, your e-mail and your name are refused.',
      companyName: 'Company name', companyNameHint: '1 to 20 characters; you can change it later.',
      country: 'Country or region', countryPlaceholder: 'Pick a country or region',
      area: 'Service area', areaHint: 'Where your users are: the service area decides which data centres serve your company.',
      acceptTerms: 'I accept the terms of service and the privacy policy', mustAccept: 'Accept the terms to continue',
      submit: 'Sign up',
      sentTitle: 'Check your inbox', sent: 'We sent a link to {email}. Open it within 24 hours to verify your address and open your account. No e-mail? Check the spam folder, or sign up again.',
      closed: 'Sign-up is closed on this platform. Ask the platform operator for an account.',
      invitation: 'Sign-up is by invitation only. Ask an admin of your company to invite you, then follow the link in that e-mail.',
      verifyTitle: 'Verifying your e-mail', verifying: 'Opening your account…', signUpAgain: 'Sign up again',
    },
  },
  'zh-CN': {
    signUp: {
      title: '创建账号', intro: '为您的公司开通控制台账号。开通前，我们会向您的邮箱发送验证链接。',
      link: '还没有账号？立即注册', haveAccount: '已有账号？登录',
      name: '您的姓名', email: '工作邮箱', password: '密码',
      passwordHint: '至少 8 个字符，可包含空格和任何语言的文字。常见密码、您的邮箱和姓名不可用作密码。',
      companyName: '公司名称', companyNameHint: '1 到 20 个字符，之后可以修改。',
      country: '国家或地区', countryPlaceholder: '选择国家或地区',
      area: '服务区域', areaHint: '您的用户所在区域：服务区域决定由哪些数据中心为您的公司提供服务。',
      acceptTerms: '我已阅读并接受服务条款和隐私政策', mustAccept: '请接受条款后继续',
      submit: '注册',
      sentTitle: '请查收邮件', sent: '我们已向 {email} 发送了链接。请在 24 小时内打开链接验证邮箱并开通账号。没有收到？请检查垃圾邮件，或重新注册。',
      closed: '本平台已关闭注册，请联系平台运营方开通账号。',
      invitation: '仅限邀请注册。请让您公司的管理员邀请您，然后打开邀请邮件中的链接。',
      verifyTitle: '正在验证邮箱', verifying: '正在开通您的账号…', signUpAgain: '重新注册',
    },
  },
});
