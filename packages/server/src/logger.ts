import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { logRedaction, logSafeError } from './http/log-safe.js';

/**
 * The process's logger: secrets under well-known keys are censored wherever they sit, and an
 * error's failed-query parameters are dropped (see `logSafeError`). Server, CLI and tests share it.
 */
export function createLogger(level: LoggerOptions['level'], destination?: DestinationStream, extra: LoggerOptions = {}): Logger {
  const options: LoggerOptions = { level, redact: logRedaction, serializers: { err: logSafeError }, ...extra };
  return destination ? pino(options, destination) : pino(options);
}
