import type { FormItemRule } from 'naive-ui';
import type { z } from 'zod';
import type { ComposerTranslation } from 'vue-i18n';

type Issue = z.core.$ZodIssue;

/** Zod issues in the user's language, from their code and bounds. */
export function issueText(issue: Issue, t: ComposerTranslation): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.minLength', { min: Number(issue.minimum) });
      if (issue.origin === 'array') return t('validation.minItems', { min: Number(issue.minimum) });
      return t('validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.maxItems', { max: Number(issue.maximum) });
      return t('validation.max', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.choice');
    case 'custom':
      // A refinement may name its message's key (e.g. the password rules): `params.i18n`.
      return typeof issue.params?.i18n === 'string' ? t(issue.params.i18n) : t('validation.format');
    default:
      return t('validation.format');
  }
}

/**
 * A Naive UI form rule from the same zod schema the API validates with, so the form and the
 * server agree on every range; messages are translated.
 */
export function zodRule(schema: z.ZodType, t: ComposerTranslation, trigger: string[] = ['blur', 'input']): FormItemRule {
  return {
    trigger,
    validator(_rule, value: unknown) {
      const result = schema.safeParse(value);
      return result.success ? true : new Error(issueText(result.error.issues[0]!, t));
    },
  };
}
