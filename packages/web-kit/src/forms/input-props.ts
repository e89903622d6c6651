import type { InputHTMLAttributes } from 'vue';

/**
 * Attributes for the native input inside a Naive UI NInput. `data-testid` is not in Vue's
 * InputHTMLAttributes type, although any attribute works at run time.
 */
export function inputProps(testid: string, attrs: { autocomplete?: string; type?: string; name?: string } = {}): InputHTMLAttributes {
  return { 'data-testid': testid, ...attrs } as InputHTMLAttributes;
}
