import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { defaultName, nameFile, NAME_FILE, namesOf, renameTokens } from './names.js';

const callNotes = namesOf('call-notes');

test('an id gives its names in every case', () => {
  expect(callNotes).toEqual({ id: 'call-notes', camel: 'callNotes', pascal: 'CallNotes', snake: 'call_notes', constant: 'CALL_NOTES', pkg: '@rtc-console/plugin-call-notes' });
  expect(defaultName('call-notes')).toBe('Call notes');
  expect(defaultName('crm')).toBe('Crm');
});

test.each([
  ["key: 'template.read'", "key: 'call-notes.read'"],
  ['@rtc-console/plugin-template/server', '@rtc-console/plugin-call-notes/server'],
  ['export const templateServerPlugin', 'export const callNotesServerPlugin'],
  ["subject: 'Template'", "subject: 'CallNotes'"],
  ['seedTemplateDemo(): TemplateItemRow', 'seedCallNotesDemo(): CallNotesItemRow'],
  ['pgTable("template_items") __migrations_template 0000_template.sql', 'pgTable("call_notes_items") __migrations_call_notes 0000_call_notes.sql'],
  ['TEMPLATE_LIMIT', 'CALL_NOTES_LIMIT'],
  ["name: 'template-items', shortcuts: { templateItems: '' }", "name: 'call-notes-items', shortcuts: { callNotesItems: '' }"],
  ['<template>\n  <template #empty>{{ t(\'template.empty\') }}</template>\n</template>', '<template>\n  <template #empty>{{ t(\'call-notes.empty\') }}</template>\n</template>'],
  ['Pick<TemplateItemRow, "id">', 'Pick<CallNotesItemRow, "id">'],
])('renames %j', (text, renamed) => {
  expect(renameTokens(text, callNotes, 'x.ts')).toBe(renamed);
});

test('refuses a token inside a word, naming the file and line', () => {
  expect(() => renameTokens('a\nsee the templates', callNotes, 'src/x.ts')).toThrow(/^src\/x\.ts:2: .*"template" inside a word/);
  expect(() => renameTokens('Templated', callNotes, 'x')).toThrow(/inside a word/);
  expect(() => renameTokens('XTEMPLATE', callNotes, 'x')).toThrow(/inside a word/);
});

test("the template's name file is the one the scaffolder writes, for Template and 模板", () => {
  const template = readFileSync(new URL(`../../plugins/template/${NAME_FILE}`, import.meta.url), 'utf8');
  expect(template).toBe(nameFile({ en: 'Template', zh: '模板' }));
  expect(nameFile({ en: "Bob's notes", zh: '通话备注' })).toContain(`{ en: 'Bob\\'s notes', 'zh-CN': '通话备注' }`);
});
