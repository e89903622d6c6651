import { defineMessages } from './types';

export default defineMessages({
  en: {
    mailbox: {
      title: 'Demo mailbox',
      noteTitle: 'No email is sent from this install',
      note: 'No SMTP server is configured, so the console keeps every email it would send here instead: invitations, password resets and notices. Open the links below to act on them. Anyone who can reach this page can read these emails, so use it for demos and development only.',
      recipient: 'Recipient email', recipientHint: 'Enter the full address to see only the mail sent to it.',
      kind: 'Type', allKinds: 'All types', to: 'To:', toConsole: 'Back to the console',
      kinds: { invitation: 'Invitation', passwordReset: 'Password reset', passwordChanged: 'Password changed', signUp: 'Sign-up verification', signUpExisting: 'Sign-up of an existing address' },
      status: { sent: 'Sent', failed: 'Sending failed' },
      empty: 'No email has been kept yet. Invite a member or ask for a password reset and it will show up here.',
      emptyFiltered: 'No email matches these filters',
      disabledTitle: 'The demo mailbox is off',
      disabledText: 'This install sends email through its SMTP server (or demo mode is off), so mail is not kept here. Check your own inbox.',
    },
  },
  'zh-CN': {
    mailbox: {
      title: '演示邮箱',
      noteTitle: '本系统不会真正发送邮件',
      note: '由于尚未配置 SMTP 服务器，控制台要发送的所有邮件（成员邀请、重置密码、安全通知等）都保存在这里。可直接点击邮件中的链接完成操作。任何能访问此页面的人都能看到这些邮件，请仅用于演示和开发环境。',
      recipient: '收件人邮箱', recipientHint: '输入完整的邮箱地址，只查看发给该地址的邮件。',
      kind: '类型', allKinds: '全部类型', to: '收件人：', toConsole: '返回控制台',
      kinds: { invitation: '成员邀请', passwordReset: '重置密码', passwordChanged: '密码已修改', signUp: '注册验证', signUpExisting: '已注册邮箱的注册尝试' },
      status: { sent: '已发送', failed: '发送失败' },
      empty: '暂无邮件。邀请成员或申请重置密码后，邮件会显示在这里。',
      emptyFiltered: '没有符合筛选条件的邮件',
      disabledTitle: '演示邮箱未开启',
      disabledText: '本系统已通过 SMTP 服务器发送邮件（或未开启演示模式），邮件不会保存在这里，请查看您的邮箱。',
    },
  },
});
