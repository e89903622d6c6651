/** Polls `check` until it holds, for tests of work that happens in the background (jobs, deliveries); throws after `ms`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 20_000, everyMs = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
