import type { Actor } from '@rtc-console/core';
import type { Request } from 'express';

/** How an operator's write is signed in the audit logs: `operator:<email>`, with the request's address and id. */
export function operatorActor(req: Request): Actor {
  const user = req.auth!.user;
  return { userId: user.id, label: `operator:${user.email}`, ip: req.ip, requestId: String(req.id) };
}
