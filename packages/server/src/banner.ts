import type { ApiConfig } from './config.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_RESELLER, DEMO_STAFF } from './demo/demo-data.js';

/** The demo's logins are printed only when the demo is on: a real install has none of them. */
export function startBanner(config: ApiConfig, database: string, seeded: boolean): string {
  const url = config.publicUrl;
  const lines = [`\n  RTC Console is running at ${url}`, `  Database: ${database}`];
  if (config.devMailbox) lines.push(`  Demo mailbox (mail is kept, not sent): ${url}/dev/mailbox`);
  if (config.demo) {
    lines.push(seeded ? '  Demo data seeded. Sign in as any of these, password ' + DEMO_PASSWORD + ':' : '  Demo logins (password ' + DEMO_PASSWORD + '):');
    lines.push(...demoLoginLines());
  } else {
    lines.push('  Demo off. Create the first operator with: pnpm console create-operator --email you@example.com');
    if (!config.smtpUrl) lines.push('  No SMTP_URL: mail is kept in the outbox, not sent (set SMTP_URL to send it).');
  }
  return lines.join('\n') + '\n';
}

function demoLoginLines(): string[] {
  const staff = `    Staff: ${DEMO_STAFF.reseller.email} (reseller ${DEMO_RESELLER}), ${DEMO_STAFF.operator.email} (platform operator), ${DEMO_STAFF.supportDesk.email} (operator support desk)`;
  return [staff, ...DEMO_COMPANIES.map((c) => {
    const who = [`${c.input.email} (admin)`, ...c.members.map((m) => `${m.email} (${m.role === 'custom' ? c.customRole.name : m.role})`)];
    return `    ${c.input.name}: ${who.join(', ')}`;
  })];
}

