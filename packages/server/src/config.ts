import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: `./data` and the built web app are found from here, whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const bool = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… selects the real server; absent, the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
  DATA_DIR: z.string().default(`${REPO_ROOT}data/pglite`),
  /**
   * 32 random bytes in base64: the key that encrypts plugin settings' secrets at rest. Absent, a
   * key is generated into `settings.key` beside DATA_DIR (set it when several instances share one
   * database: they all need the same key).
   */
  SETTINGS_KEY: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'SETTINGS_KEY must be 32 bytes in base64 (e.g. openssl rand -base64 32)')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('RTC Console <no-reply@rtc-console.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /**
   * Seed the demo reseller, companies, members and projects into an empty database, and show kept
   * mail on /dev/mailbox. Off unless asked for: `pnpm start` (the README's first command) asks.
   */
  DEMO: bool.default(false),
  /** `off` hides the demo's mailbox; it exists only with the demo on and no SMTP, so `on` can't force it. */
  DEV_MAILBOX: bool.optional(),
  /** The demo and its mailbox on an https PUBLIC_URL (a deployment) are refused unless this is `yes`. */
  ALLOW_DEMO_ON_HTTPS: bool.default(false),
  TRUST_PROXY: z.string().optional(),
  /** Attempts per account (any address) per window: strict. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Attempts per client address (any account) per window: loose, for offices behind one address. */
  SIGN_IN_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(100),
  SIGN_IN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  /** Signed reseller API requests per second per Access Key ID (Agora publishes 10). */
  RESELLER_API_RATE: z.coerce.number().int().min(1).max(100000).default(10),
  WEB_DIST: z.string().default(`${REPO_ROOT}apps/web/dist`),
  /** Seconds between a job worker's looks for new jobs and the events dispatcher's looks at the outbox (a commit or a send here wakes them at once). */
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** Seconds between checks of the cron schedules. */
  JOB_CRON_CHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
});

export type Env = z.infer<typeof envSchema>;

export interface ApiConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** SETTINGS_KEY, when set (see `settingsKeyOf`). */
  settingsKey: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Env['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number; reauthMinutes: number };
  cookieSecure: boolean;
  demo: boolean;
  devMailbox: boolean;
  trustProxy: string | undefined;
  signInRateLimit: { limit: number; ipLimit: number; windowMs: number };
  webDist: string;
  /** Requests per second per reseller API key. */
  resellerApiRate: number;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
  bodyLimit: string;
  jobs: { pollSeconds: number; cronCheckSeconds: number };
  /** Settings that are allowed but unsafe; start-up logs each as a warning. */
  warnings: string[];
  /** The environment this was read from: each plugin reads its own `<PLUGIN_ID>_…` variables from it (its config service). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Reads the environment once at start-up; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const devMailbox = mailboxSetting(e);
  const warnings: string[] = [];
  if (publicUrl.startsWith('https://') && (e.DEMO || devMailbox)) {
    // An https address means real users: the demo's known passwords and a public mailbox of live
    // reset links would hand out accounts.
    const what = devMailbox ? 'DEMO=on (with its public mailbox of sign-in links)' : 'DEMO=on (with its known passwords)';
    if (!e.ALLOW_DEMO_ON_HTTPS) throw new Error(`Invalid configuration:\n  DEMO: ${what} is refused on the https PUBLIC_URL ${publicUrl}; set DEMO=off, or ALLOW_DEMO_ON_HTTPS=yes to accept the risk`);
    warnings.push(`${what} on the https PUBLIC_URL ${publicUrl}: anyone who reaches it can sign in as a demo account${devMailbox ? ' or read password-reset links' : ''}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    settingsKey: e.SETTINGS_KEY,
    publicUrl,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, reauthMinutes: 5 },
    cookieSecure: publicUrl.startsWith('https://'),
    demo: e.DEMO,
    devMailbox,
    trustProxy: e.TRUST_PROXY,
    signInRateLimit: { limit: e.SIGN_IN_RATE_LIMIT, ipLimit: e.SIGN_IN_IP_RATE_LIMIT, windowMs: e.SIGN_IN_RATE_WINDOW_SECONDS * 1000 },
    webDist: e.WEB_DIST,
    resellerApiRate: e.RESELLER_API_RATE,
    invitationTtlHours: 72,
    passwordResetTtlMinutes: 60,
    bodyLimit: '100kb',
    jobs: { pollSeconds: e.JOB_POLL_SECONDS, cronCheckSeconds: e.JOB_CRON_CHECK_SECONDS },
    warnings,
    env,
  };
}

/** The demo mailbox lists live links: only the demo, and only while mail is not really sent. */
function mailboxSetting(e: Env): boolean {
  const possible = e.DEMO && !e.SMTP_URL;
  if (e.DEV_MAILBOX === true && !possible) {
    throw new Error(`Invalid configuration:\n  DEV_MAILBOX: on needs DEMO=on and no SMTP_URL (the mailbox shows live sign-in links)`);
  }
  return possible && e.DEV_MAILBOX !== false;
}
