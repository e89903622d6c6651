import { AppError, type ErrorBody } from '@rtc-console/core';
import type { ErrorRequestHandler, RequestHandler } from 'express';

function send(res: Parameters<RequestHandler>[1], status: number, body: ErrorBody): void {
  res.status(status).json(body);
}

/** Unknown API paths answer in the error envelope rather than with the web app's page. */
export const apiNotFound: RequestHandler = (req, res) => {
  send(res, 404, { error: { code: 'NOT_FOUND', message: `No endpoint ${req.method} ${req.path}` } });
};

/**
 * The one place errors become responses: AppError keeps its status and code; body-parser's
 * errors (too large, malformed JSON) become 413 / 400; anything else is a 500 whose message
 * names only the request id, with the details in the log.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v);
    return send(res, err.status, { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
  }
  const e = err as { type?: string; status?: number; statusCode?: number; name?: string; limit?: number };
  if (e.type === 'entity.too.large') {
    return send(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${e.limit} bytes` } });
  }
  if (e.type === 'entity.parse.failed') {
    return send(res, 400, { error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON' } });
  }
  if (e.name === 'ForbiddenError') {
    return send(res, 403, { error: { code: 'FORBIDDEN', message: 'You do not have permission to do this' } });
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return send(res, status, { error: { code: 'BAD_REQUEST', message: 'The request could not be understood' } });
  }
  req.log?.error({ err }, 'unhandled error');
  send(res, 500, { error: { code: 'INTERNAL', message: `Something went wrong on our side (request id ${String(req.id)})` } });
};
