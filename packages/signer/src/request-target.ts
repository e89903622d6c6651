// The @request-target pseudo-header of strong mode: binds a signature to one method, path and query.

const METHOD = /^[A-Za-z]{1,16}$/;

/**
 * "<lowercase method> <path+query>", e.g. requestTarget('POST', '/v1/resellers/companies?limit=20')
 * → "post /v1/resellers/companies?limit=20". The target is the path and query exactly as sent on
 * the request line; an absolute URL is reduced to its (URL-normalised) path and query, which is
 * also what fetch() puts on the wire. Returns null for anything that cannot be a request target.
 */
export function requestTarget(method: string, target: string): string | null {
  if (!METHOD.test(method)) return null;
  let pathAndQuery = target;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      pathAndQuery = url.pathname + url.search;
    } catch {
      return null;
    }
  }
  // Printable ASCII only (a request line cannot carry anything else), starting with "/".
  if (!/^\/[\x21-\x7E]*$/.test(pathAndQuery)) return null;
  return `${method.toLowerCase()} ${pathAndQuery}`;
}
