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
