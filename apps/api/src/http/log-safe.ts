/**
 * A URL as it may appear in logs: emailed tokens (invitation paths, `?token=` of reset links)
 * are masked, since whoever reads the log must not be able to use them.
 */
export function logSafeUrl(url: string): string {
  return url.replace(/^(\/api\/invitations\/)[^/?#]+/, '$1[token]').replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
