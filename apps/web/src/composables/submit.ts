import type { FormInst } from 'naive-ui';
import { ref, type Ref } from 'vue';
import { useErrorText } from './errors';

export interface SubmitOptions {
  /**
   * Claims an error before it reaches `error`: return true when it has been shown elsewhere
   * (on a field, as a list of lines, as a toast). `text` is the error in the user's language.
   * May be async; `busy` stays on until it settles.
   */
  onError?: (err: unknown, text: string) => boolean | void | Promise<boolean | void>;
}

/**
 * The usual form submission: validate the form (when there is one), clear the error, show
 * `busy` while the action runs, and put a failure into `error` in the user's language unless
 * `onError` claims it. `submit` resolves to whether the action succeeded.
 */
export function useSubmit(form?: Ref<FormInst | null>) {
  const errorText = useErrorText();
  const busy = ref(false);
  const error = ref('');

  async function submit(action: () => Promise<unknown>, opts: SubmitOptions = {}): Promise<boolean> {
    error.value = '';
    if (form) {
      try {
        await form.value?.validate();
      } catch {
        return false;
      }
    }
    busy.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      const text = errorText(err);
      if (!(await opts.onError?.(err, text))) error.value = text;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, submit };
}
