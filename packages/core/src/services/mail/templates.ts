import type { Locale } from '../../shared/permissions/types.js';

export interface MailContent {
  subject: string;
  text: string;
}

const esc = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** Emails the core sends, in the recipient's language. Links are absolute URLs to the web app. */
export const templates = {
  invitation(locale: Locale, p: { companyName: string; inviterName: string; link: string; expiresHours: number }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: `${esc(p.inviterName)} 邀请您加入 ${esc(p.companyName)}`,
          text: `${p.inviterName} 邀请您加入 ${p.companyName} 的 RTC 控制台。\n\n打开以下链接设置密码并加入（${p.expiresHours} 小时内有效）：\n${p.link}\n\n如果您不认识邀请人，请忽略此邮件。`,
        }
      : {
          subject: `${esc(p.inviterName)} invited you to ${esc(p.companyName)}`,
          text: `${p.inviterName} invited you to join ${p.companyName} on the RTC console.\n\nOpen this link to set your password and join (valid for ${p.expiresHours} hours):\n${p.link}\n\nIf you do not know the sender, ignore this email.`,
        };
  },
  passwordReset(locale: Locale, p: { name: string; link: string; expiresMinutes: number; byAdmin: boolean }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: '重置您的 RTC 控制台密码',
          text: `${p.name}，您好：\n\n${p.byAdmin ? '管理员为您发起了密码重置。' : '我们收到了重置您密码的请求。'}打开以下链接设置新密码（${p.expiresMinutes} 分钟内有效，仅可使用一次）：\n${p.link}\n\n如果不是您本人操作，请忽略此邮件，您的密码不会改变。`,
        }
      : {
          subject: 'Reset your RTC console password',
          text: `Hello ${p.name},\n\n${p.byAdmin ? 'An administrator started a password reset for you.' : 'We received a request to reset your password.'} Open this link to choose a new password (valid for ${p.expiresMinutes} minutes, once):\n${p.link}\n\nIf you did not ask for this, ignore this email; your password stays the same.`,
        };
  },
  signUpVerify(locale: Locale, p: { name: string; companyName: string; link: string; expiresHours: number }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: '请验证您的邮箱以开通 RTC 控制台',
          text: `${p.name}，您好：\n\n感谢注册 RTC 控制台。打开以下链接验证邮箱并开通公司 ${p.companyName} 的账户（${p.expiresHours} 小时内有效，仅可使用一次）：\n${p.link}\n\n如果不是您本人注册，请忽略此邮件，不会创建任何账户。`,
        }
      : {
          subject: 'Verify your e-mail to open your RTC console account',
          text: `Hello ${p.name},\n\nThank you for signing up for the RTC console. Open this link to verify your e-mail and open the account of ${p.companyName} (valid for ${p.expiresHours} hours, once):\n${p.link}\n\nIf you did not sign up, ignore this email; no account is created.`,
        };
  },
  signUpExisting(locale: Locale, p: { name: string; signInLink: string; resetLink: string }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: '有人尝试使用您的邮箱注册 RTC 控制台',
          text: `${p.name}，您好：\n\n有人尝试使用您的邮箱注册 RTC 控制台，但该邮箱已有账户，因此没有创建新账户。\n\n如果是您本人，请直接登录：\n${p.signInLink}\n\n忘记密码可在此重置：\n${p.resetLink}\n\n如果不是您本人操作，请忽略此邮件，您的账户不受影响。`,
        }
      : {
          subject: 'Someone tried to sign up with your e-mail address',
          text: `Hello ${p.name},\n\nSomeone tried to sign up for the RTC console with your e-mail address. It already has an account, so no new account was made.\n\nIf this was you, sign in instead:\n${p.signInLink}\n\nForgot your password? Reset it here:\n${p.resetLink}\n\nIf this was not you, ignore this email; your account is unchanged.`,
        };
  },
  staffAccount(locale: Locale, p: { name: string; role: string; link: string; expiresMinutes: number }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: '您的 RTC 控制台账户',
          text: `${p.name}，您好：\n\n已为您开通 RTC 控制台的${p.role}账户。打开以下链接设置密码（${p.expiresMinutes} 分钟内有效，仅可使用一次）：\n${p.link}`,
        }
      : {
          subject: 'Your RTC console account',
          text: `Hello ${p.name},\n\nAn account as ${p.role} on the RTC console is ready for you. Open this link to choose your password (valid for ${p.expiresMinutes} minutes, once):\n${p.link}`,
        };
  },
  testMail(locale: Locale, p: { name: string }): MailContent {
    return locale === 'zh-CN'
      ? { subject: 'RTC 控制台测试邮件', text: `${p.name}，您好：\n\n这是从平台设置发送的测试邮件。能收到它，说明控制台的邮件可以送达，发件人地址也正确。` }
      : { subject: 'RTC console test e-mail', text: `Hello ${p.name},\n\nThis is a test e-mail sent from the platform settings. If it reached you, the console's mail gets through, and from the sender shown.` };
  },
  passwordChanged(locale: Locale, p: { name: string }): MailContent {
    return locale === 'zh-CN'
      ? { subject: '您的密码已修改', text: `${p.name}，您好：\n\n您的 RTC 控制台密码刚刚被修改，所有其他会话已退出。如果不是您本人操作，请立即重置密码。` }
      : {
          subject: 'Your password was changed',
          text: `Hello ${p.name},\n\nYour RTC console password was just changed and your other sessions were signed out. If this was not you, reset your password now.`,
        };
  },
  companyFrozen(locale: Locale, p: { companyName: string; reason: string; blocked: boolean }): MailContent {
    return locale === 'zh-CN'
      ? {
          subject: `${esc(p.companyName)} 的账户已被冻结`,
          text: `您好：\n\n您的经销商已冻结 ${p.companyName} 的账户（原因：${p.reason}），公司暂停使用 RTC 服务。${p.blocked ? '控制台账户也已被封禁，成员无法登录。' : ''}\n\n如有疑问，请联系您的经销商。`,
        }
      : {
          subject: `The account of ${esc(p.companyName)} was frozen`,
          text: `Hello,\n\nYour reseller froze the account of ${p.companyName} (reason: ${p.reason}); the company is suspended from using the RTC services.${p.blocked ? ' Its dashboard account is blocked as well: members cannot sign in.' : ''}\n\nContact your reseller with any question.`,
        };
  },
};
