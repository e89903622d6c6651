import type { AccountActor } from '@rtc-console/core';
import type { Request } from 'express';

/** Where a change to one's own account came from, for its entry in the platform audit log. */
export const accountActor = (req: Request): AccountActor => ({ ip: req.ip, requestId: String(req.id) });
