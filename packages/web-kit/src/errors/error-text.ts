import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/api-error';

/**
 * A message for any error, in the user's language: known API codes are translated, other
 * API errors show the server's message, anything else a generic line.
 */
export function useErrorText() {
  const { t, te } = useI18n();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.code === 'RATE_LIMITED') {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
        return t('errors.RATE_LIMITED', { seconds });
      }
      // Conflicts and validation carry specifics (which limit, which name): keep the server's words.
      if (['CONFLICT', 'LIMIT_REACHED', 'VALIDATION_FAILED'].includes(err.code) && err.message) return `${t(`errors.${err.code}`)}: ${err.message}`;
      return te(`errors.${err.code}`) ? t(`errors.${err.code}`) : err.message;
    }
    return t('errors.INTERNAL');
  };
}
