import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may be sent (the SSRF guard). A company names a URL; the console must not be
 * made to POST into its own network: every address the host resolves to must be a public
 * unicast one (ipaddr.js `range()`), never loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved or an IPv6 form wrapping one of those. The address
 * checked is the address connected to (the sender pins it), so a DNS answer that changes
 * between check and connection (rebinding) cannot slip past.
 */
export interface TargetPolicy {
  /** Every address, over http or https (WEBHOOKS_ALLOW_PRIVATE=on: an operator whose receivers live on a private network). */
  allowPrivate: boolean;
  /** Loopback addresses (this machine), the only ones http may reach: with the demo on, or with `allowPrivate`. */
  allowLoopback: boolean;
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** A target refused before any connection: the reason is recorded as the attempt's error. */
export class TargetRefused extends Error {}

export interface Target {
  url: URL;
  /** The checked address the request connects to. */
  address: string;
  family: 4 | 6;
}

/** The address's range as ipaddr.js names it (`unicast` for public ones), IPv4-mapped IPv6 read as the IPv4 it wraps. */
export function rangeOf(address: string): string {
  return ipaddr.process(address).range();
}

function allowed(range: string, policy: TargetPolicy): boolean {
  return range === 'unicast' || policy.allowPrivate || (range === 'loopback' && policy.allowLoopback);
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * What is wrong with a URL as an endpoint, from the URL alone (an endpoint's form gets it on
 * its field), or null. A host name is judged by its addresses at each delivery (`resolveTarget`).
 */
export function urlProblem(raw: string, policy: TargetPolicy): string | null {
  if (!URL.canParse(raw)) return 'Enter an absolute URL, e.g. https://example.com/webhooks';
  const url = new URL(raw);
  if (url.username || url.password) return 'Put no user name or password in the URL: verify the signature instead';
  const host = bare(url.hostname);
  const literal = ipaddr.isValid(host) ? rangeOf(host) : null;
  const loopback = literal === 'loopback' || (literal === null && isLocalhostName(host));
  if (url.protocol === 'http:') {
    if (!policy.allowLoopback) return 'The URL must start with https://';
    if (!loopback) return 'The URL must start with https:// (http reaches only this machine: 127.0.0.1 or localhost)';
    return null;
  }
  if (url.protocol !== 'https:') return 'The URL must start with https://';
  if (literal !== null && !allowed(literal, policy)) return `${host} is a ${literal} address, which webhooks may not reach`;
  if (loopback && !allowed('loopback', policy)) return `${host} is this machine, which webhooks may not reach`;
  return null;
}

/**
 * The address to deliver to: the URL checked, its host resolved, every address it resolves to
 * allowed by the policy (http: every one loopback). Throws TargetRefused naming the reason.
 */
export async function resolveTarget(raw: string, policy: TargetPolicy, resolve: Resolver = systemResolver): Promise<Target> {
  const problem = urlProblem(raw, policy);
  if (problem) throw new TargetRefused(problem);
  const url = new URL(raw);
  const host = bare(url.hostname);
  let addresses: Array<{ address: string; family: number }>;
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      throw new TargetRefused(`${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (!addresses.length) throw new TargetRefused(`${host} does not resolve`);
  for (const { address } of addresses) {
    if (!ipaddr.isValid(address)) throw new TargetRefused(`${host} resolves to ${address}, which is not an address`);
    const range = rangeOf(address);
    if (!allowed(range, policy)) throw new TargetRefused(`${host} resolves to ${address}, a ${range} address, which webhooks may not reach`);
    if (url.protocol === 'http:' && range !== 'loopback') throw new TargetRefused(`${host} resolves to ${address}: http reaches only this machine`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
