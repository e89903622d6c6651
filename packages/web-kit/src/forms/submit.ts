import type { FormInst } from 'naive-ui';
import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/api-error';
import { useErrorText } from '../errors/error-text';
import { fieldErrorsFor } from './field-errors';

export interface SubmitOptions {
  /**
   * Claims an error before it reaches `error`: return true when it has been shown elsewhere
   * (as a list of lines, as a toast). `text` is the error in the user's language. Field
   * errors are on their fields already. May be async; `busy` stays on until it settles.
   */
  onError?: (err: unknown, text: string) => boolean | void | Promise<boolean | void>;
}

/** What an NFormItem binds (`v-bind="fieldState('name')"`) to show the server's word on a field. */
export interface FieldState {
  feedback?: string;
  validationStatus?: 'error';
}

/**
 * The usual form submission: validate the form (when there is one), clear the errors, show
 * `busy` while the action runs. A failure's field details go onto the form's fields
 * when a `model` is given (its keys are the fields; bind `fieldState(path)` on each NFormItem),
 * and editing a field clears its error; the rest goes into `error` in the user's
 * language unless `onError` claims it. `submit` resolves to whether the action succeeded.
 */
export function useSubmit(form?: Ref<FormInst | null>, model?: object) {
  const { t, te } = useI18n();
  const errorText = useErrorText();
  const busy = ref(false);
  const error = ref('');
  const fieldErrors = ref<Record<string, string>>({});
  const fields = model ? Object.keys(model) : [];

  for (const path of fields) {
    watch(() => (model as Record<string, unknown>)[path], () => clearField(path), { deep: true });
  }

  function clearField(path: string): void {
    if (!(path in fieldErrors.value)) return;
    const { [path]: _gone, ...rest } = fieldErrors.value;
    fieldErrors.value = rest;
  }

  function fieldState(path: string): FieldState {
    const feedback = fieldErrors.value[path];
    return feedback ? { feedback, validationStatus: 'error' } : {};
  }

  async function submit(action: () => Promise<unknown>, opts: SubmitOptions = {}): Promise<boolean> {
    error.value = '';
    fieldErrors.value = {};
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
      const { onFields, leftOver } = fieldErrorsFor(err, fields);
      // A refusal other than validation (a name already taken) says what kind first, in the user's language.
      const kind = err instanceof ApiError && err.code !== 'VALIDATION_FAILED' && te(`errors.${err.code}`) ? `${t(`errors.${err.code}`)}: ` : '';
      fieldErrors.value = Object.fromEntries(Object.entries(onFields).map(([path, message]) => [path, kind + message]));
      const text = errorText(err);
      if (!(await opts.onError?.(err, text)) && leftOver) error.value = text;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, fieldErrors, fieldState, clearField, submit };
}
