import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Target } from './targets.js';

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  /** The first `maxBodyBytes` of the answer. */
  body: string | null;
  durationMs: number;
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  agents?: { http: http.Agent; https: https.Agent };
}

/** Kept-alive connections for one plugin instance (a socket is only ever opened to a checked address). */
export function keepAliveAgents(): { http: http.Agent; https: https.Agent } {
  return { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
}

/** A lookup that answers the checked address whatever it is asked: the connection goes where the check went. */
function pinned(target: Target): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (err: null, all: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/**
 * One POST to a checked target: connected to its pinned address (TLS still verifies the host
 * name), within `timeoutMs` all told, redirects never followed (a 3xx is a failure, recorded
 * with its code), the answer's body kept up to `maxBodyBytes`. Never throws.
 */
export function postTo(target: Target, headers: Record<string, string>, body: string, opts: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const { url } = target;
  const secure = url.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: Math.round(performance.now() - started) });
    };
    const req = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      lookup: pinned(target),
      agent: opts.agents ? (secure ? opts.agents.https : opts.agents.http) : false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'rtc-console-webhooks/1' },
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, status: null, body: null, error: `no answer within ${opts.timeoutMs / 1000} s` });
    }, opts.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, status: null, body: null, error: `${err.code ?? 'ERROR'}: ${err.message}`.slice(0, 500) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept >= opts.maxBodyBytes) return;
        chunks.push(chunk.subarray(0, opts.maxBodyBytes - kept));
        kept += Math.min(chunk.length, opts.maxBodyBytes - kept);
      });
      res.on('error', (err) => finish({ ok: false, status: res.statusCode ?? null, body: null, error: err.message.slice(0, 500) }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        const ok = status >= 200 && status < 300;
        const error = ok ? null : status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed${res.headers.location ? ` (to ${res.headers.location.slice(0, 300)})` : ''}` : `HTTP ${status}`;
        finish({ ok, status, body: text, error });
      });
    });
    req.end(body);
  });
}
