/** The id of the template package (packages/plugins/template), the token every renamed name comes from. */
export const TEMPLATE_ID = 'template';

/** What a plugin id gives, in each case the template writes its id in. */
export interface PluginNames {
  /** `call-notes`: the template's `template` (ids, paths, message keys, the package name). */
  id: string;
  /** `callNotes`: `template` before a capital (`templateRead`, `templateServerPlugin`). */
  camel: string;
  /** `CallNotes`: `Template` (the CASL subject, types). */
  pascal: string;
  /** `call_notes`: `template` next to an underscore (`template_items`, `0000_template`). */
  snake: string;
  /** `CALL_NOTES`: `TEMPLATE`. */
  constant: string;
  /** `@rtc-console/plugin-call-notes`. */
  pkg: string;
}

export function namesOf(id: string): PluginNames {
  const words = id.split('-');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return {
    id,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    pascal,
    snake: words.join('_'),
    constant: words.join('_').toUpperCase(),
    pkg: `@rtc-console/plugin-${id}`,
  };
}

/** The English name an id gives when `--name` is not passed: `call-notes` → `Call notes`. */
export const defaultName = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

const TOKEN = /TEMPLATE|Template|template/g;

/**
 * The template's id renamed in a text (a file's content or its path), by case and neighbours:
 * `TEMPLATE` → constant, `Template` → Pascal, `template` before a capital or digit → camel,
 * `template` next to `_` → snake, any other `template` → the id. Vue's `<template>` tags stay.
 * A token inside a longer word (`templates`, `Templated`) could mean anything: refused, naming
 * where, so the template never scaffolds a half-renamed word.
 */
export function renameTokens(text: string, n: PluginNames, where: string): string {
  return text.replace(TOKEN, (token: string, at: number) => {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + token.length);
    if (token === 'template' && /<\/?$/.test(text.slice(Math.max(0, at - 2), at)) && /[\s>]/.test(after)) return token;
    const ambiguous = token === 'TEMPLATE' ? /[A-Z]/.test(before + after) : token === 'Template' ? /[a-z]/.test(after) : /[A-Za-z]/.test(before) || /[a-z]/.test(after);
    if (ambiguous) {
      const lines = text.slice(0, at).split('\n');
      const line = `${lines.at(-1)}${text.slice(at).split('\n')[0]}`.trim();
      throw new Error(`${where}:${lines.length}: "${line}" has "${token}" inside a word: the template may write its id only as template, templateX, Template, TEMPLATE or template_x`);
    }
    if (token === 'TEMPLATE') return n.constant;
    if (token === 'Template') return n.pascal;
    if (/[A-Z0-9]/.test(after)) return n.camel;
    if (before === '_' || after === '_') return n.snake;
    return n.id;
  });
}

/** The plugin's display name in English and Chinese. */
export interface DisplayName {
  en: string;
  zh: string;
}

/** Where the template keeps its name, the one file the scaffolder writes instead of renaming. */
export const NAME_FILE = 'src/shared/name.ts';

const quoted = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The content of NAME_FILE for a name (the template's own is this for `Template`/`模板`). */
export function nameFile(name: DisplayName): string {
  return `/** The plugin's name in the nav, on its page and in the role editor (\`pnpm create-plugin --name … --name-zh …\` writes this file). */
export const pluginName = { en: ${quoted(name.en)}, 'zh-CN': ${quoted(name.zh)} } as const;
`;
}
