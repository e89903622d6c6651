import type { Queryable, Tx } from '../db/types.js';
import { auditLog, platformAuditLog } from '../schema/audit.js';

export interface Actor {
  userId: number | null;
  /** How the actor is shown in the log: an email, `reseller:<name>`, `system`. */
  label: string;
  ip?: string | undefined;
  requestId?: string | undefined;
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Fields that never enter the log, whatever the caller passes. */
const SECRET_FIELDS = new Set(['appCertificate', 'password', 'passwordHash', 'token', 'tokenHash', 'secret']);

function redact(obj: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!obj) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_FIELDS.has(k) ? '[redacted]' : v instanceof Date ? v.toISOString() : v;
  return out;
}

/** Only the fields that changed, so the log shows what an edit did rather than whole rows. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** Appends an audit entry inside the caller's tenant transaction: it commits or rolls back with the write. */
export async function recordAudit(tx: Tx, companyId: number, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({ companyId, ...auditRow(actor, entry) });
}

/** The same for writes that belong to no one company (see `platformAuditLog`). */
export async function recordPlatformAudit(tx: Queryable, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(platformAuditLog).values(auditRow(actor, entry));
}

function auditRow(actor: Actor, entry: AuditInput) {
  return {
    actorUserId: actor.userId,
    actorLabel: actor.label.slice(0, 300),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    changes: { before: redact(entry.before), after: redact(entry.after) },
    ip: actor.ip?.slice(0, 64) ?? null,
    requestId: actor.requestId?.slice(0, 64) ?? null,
  };
}
