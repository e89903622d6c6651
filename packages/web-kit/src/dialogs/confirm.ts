import { useDialog, useMessage, type ButtonProps } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { useErrorText } from '../errors/error-text';

export interface ConfirmOptions {
  title: string;
  content: string;
  positiveText: string;
  /** The dialog's look: `error` for what cannot be undone. Default `warning`. */
  type?: 'warning' | 'error';
  /** Props for the confirm button, e.g. a `data-testid`. */
  positiveButtonProps?: ButtonProps & { 'data-testid'?: string };
  /** The work, run when the member confirms; a failure shows as an error toast unless `onError` claims it (returns true). */
  action: () => Promise<unknown>;
  /** A success toast once the action is done. */
  success?: string;
  /** What follows a successful action (after the toast), e.g. reloading the list. */
  after?: () => unknown;
  onError?: (err: unknown) => boolean | void;
}

/**
 * Ask, then act: a warning (or error) dialog with Cancel; confirming runs the action, and its
 * failure is shown as a toast in the user's language. The dialog closes when all is done.
 */
export function useConfirm() {
  const { t } = useI18n();
  const dialog = useDialog();
  const message = useMessage();
  const errorText = useErrorText();

  function confirm(opts: ConfirmOptions): void {
    dialog[opts.type ?? 'warning']({
      title: opts.title,
      content: opts.content,
      positiveText: opts.positiveText,
      negativeText: t('common.cancel'),
      ...(opts.positiveButtonProps ? { positiveButtonProps: opts.positiveButtonProps as ButtonProps } : {}),
      onPositiveClick: async () => {
        try {
          await opts.action();
        } catch (err) {
          if (!opts.onError?.(err)) message.error(errorText(err));
          return;
        }
        if (opts.success) message.success(opts.success);
        await opts.after?.();
      },
    });
  }

  return { confirm };
}
