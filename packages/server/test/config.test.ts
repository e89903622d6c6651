import { describe, expect, test } from 'vitest';
import { startBanner } from '../src/banner.js';
import { loadConfig, REPO_ROOT } from '../src/config.js';

describe('loadConfig', () => {
  test('an empty environment is a real install: no demo, no mailbox, every default pinned', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: `${REPO_ROOT}data/pglite`,
      settingsKey: undefined,
      publicUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      mailFrom: 'RTC Console <no-reply@rtc-console.local>',
      logLevel: 'info',
      session: { idleMinutes: 60, absoluteHours: 12, reauthMinutes: 5 },
      cookieSecure: false,
      demo: false,
      devMailbox: false,
      trustProxy: undefined,
      signInRateLimit: { limit: 10, ipLimit: 100, windowMs: 900_000 },
      webDist: `${REPO_ROOT}apps/web/dist`,
      resellerApiRate: 10,
      invitationTtlHours: 72,
      passwordResetTtlMinutes: 60,
      bodyLimit: '100kb',
      jobs: { pollSeconds: 2, cronCheckSeconds: 30 },
      warnings: [],
      env: {},
    });
  });

  test('the mailbox exists only with the demo on and no SMTP', () => {
    expect(loadConfig({ DEMO: 'on' }).devMailbox).toBe(true);
    expect(loadConfig({ DEMO: 'on', DEV_MAILBOX: 'off' }).devMailbox).toBe(false);
    expect(loadConfig({ DEMO: 'on', SMTP_URL: 'smtp://mail.example.com:587' }).devMailbox).toBe(false);
    expect(loadConfig({ DEMO: 'off' }).devMailbox).toBe(false);
    expect(() => loadConfig({ DEV_MAILBOX: 'on' })).toThrow(/DEV_MAILBOX: on needs DEMO=on and no SMTP_URL/);
    expect(() => loadConfig({ DEMO: 'on', DEV_MAILBOX: 'on', SMTP_URL: 'smtp://mail.example.com' })).toThrow(/DEV_MAILBOX/);
  });

  test('an https PUBLIC_URL refuses the demo and its mailbox unless the risk is accepted, then warns', () => {
    const https = { PUBLIC_URL: 'https://console.example.com/' };
    expect(loadConfig(https)).toMatchObject({ publicUrl: 'https://console.example.com', cookieSecure: true, demo: false, warnings: [] });
    expect(() => loadConfig({ ...https, DEMO: 'on' })).toThrow(/DEMO: DEMO=on \(with its public mailbox of sign-in links\) is refused on the https PUBLIC_URL/);
    expect(() => loadConfig({ ...https, DEMO: 'on', SMTP_URL: 'smtp://mail.example.com' })).toThrow(/with its known passwords/);
    const accepted = loadConfig({ ...https, DEMO: 'on', ALLOW_DEMO_ON_HTTPS: 'yes' });
    expect(accepted.demo).toBe(true);
    expect(accepted.warnings).toEqual([expect.stringMatching(/anyone who reaches it can sign in as a demo account or read password-reset links/)]);
  });

  test('bad values stop start-up with the variable named', () => {
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });
});

describe('start banner', () => {
  test('prints the demo logins only with the demo on', () => {
    const off = startBanner(loadConfig({}), 'pglite (./data)', false);
    expect(off).not.toMatch(/rtc-demo-2026|@acme\.demo|operator@rtc\.demo|mailbox/);
    expect(off).toMatch(/create-operator/);
    const on = startBanner(loadConfig({ DEMO: 'on' }), 'pglite (./data)', true);
    expect(on).toMatch(/rtc-demo-2026/);
    expect(on).toMatch(/operator@rtc\.demo/);
    expect(on).toMatch(/\/dev\/mailbox/);
  });
});
