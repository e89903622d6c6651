import { ref } from 'vue';
import { ApiError } from '../api/api-error';

/**
 * Runs an action that reveals a secret; when the API answers REAUTH_REQUIRED, asks for the
 * password (the page shows <ReauthDialog> while `asking`), then tries the action once more.
 */
export function useReauth() {
  const asking = ref(false);
  let settle: ((ok: boolean) => void) | null = null;

  async function withReauth<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'REAUTH_REQUIRED') throw err;
    }
    asking.value = true;
    const ok = await new Promise<boolean>((resolve) => (settle = resolve));
    asking.value = false;
    return ok ? action() : undefined;
  }

  function done(ok: boolean) {
    settle?.(ok);
    settle = null;
  }

  return { asking, withReauth, done };
}
