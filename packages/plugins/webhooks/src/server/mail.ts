import type { Locale } from '@rtc-console/core';

/** The mail to a company's admins when the console switched one of its endpoints off, in each admin's language. */
export function endpointDisabledMail(locale: Locale, p: { name: string; url: string; since: Date; hours: number; link: string }): { subject: string; text: string } {
  const since = p.since.toISOString().replace('T', ' ').slice(0, 16);
  return locale === 'zh-CN'
    ? {
        subject: 'Webhook 接收地址已被停用',
        text: `${p.name}，您好：\n\n自 ${since}（UTC）起，发往以下 Webhook 接收地址的投递全部失败，已持续 ${p.hours} 小时，控制台已将其停用：\n${p.url}\n\n在此期间的事件不会再投递。修复接收端后，请在控制台重新启用该地址，并可重新投递失败的事件：\n${p.link}`,
      }
    : {
        subject: 'A webhook endpoint was switched off',
        text: `Hello ${p.name},\n\nEvery delivery to this webhook endpoint has failed since ${since} UTC, for ${p.hours} hours, so the console switched it off:\n${p.url}\n\nNo more events go to it. Once the receiver is fixed, switch the endpoint on again in the console, and resend the failed deliveries:\n${p.link}`,
      };
}
