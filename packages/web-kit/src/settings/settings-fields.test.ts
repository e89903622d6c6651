import { expect, test } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api/api-error';
import { fieldErrorsFor } from '../forms/field-errors';
import { settingsFields, settingsModel, valuesFromModel } from './settings-fields';

const values = z.object({
  retentionDays: z.number().int().min(1).max(365).default(30).meta({ title: 'Retention' }),
  region: z.enum(['cn', 'eu', 'us']).default('cn'),
  notify: z.boolean().default(true),
  emails: z.array(z.email()).max(5).default([]),
  bucket: z.string().max(63),
  prefix: z.string().max(20).optional(),
});

test("each field's control, bounds, default and whether it is required come from the plugin's zod schema", () => {
  const fields = settingsFields(values);
  expect(fields.map((f) => [f.name, f.kind])).toEqual([['retentionDays', 'number'], ['region', 'select'], ['notify', 'switch'], ['emails', 'tags'], ['bucket', 'text'], ['prefix', 'text']]);
  const [days, region, , emails, bucket, prefix] = fields;
  expect(days).toMatchObject({ min: 1, max: 365, integer: true, default: 30, title: 'Retention', required: false });
  expect(region!.options).toEqual(['cn', 'eu', 'us']);
  expect(emails!.max).toBe(5);
  expect(bucket).toMatchObject({ maxLength: 63, required: true });
  expect(prefix!.required).toBe(false);
  // The field's own schema checks what is typed, with the server's bounds.
  expect(days!.schema.safeParse(400).success).toBe(false);
  expect(days!.schema.safeParse(90).success).toBe(true);
  expect(settingsFields(undefined)).toEqual([]);
});

test('the model starts from the stored values or the defaults; blank fields are left out when saving so the defaults apply', () => {
  const fields = settingsFields(values);
  const model = settingsModel(fields, { retentionDays: 7, bucket: 'recordings' });
  expect(model).toEqual({ 'values.retentionDays': 7, 'values.region': 'cn', 'values.notify': true, 'values.emails': [], 'values.bucket': 'recordings', 'values.prefix': null });
  model['values.retentionDays'] = null;
  const sent = valuesFromModel(fields, model);
  expect(sent).toEqual({ region: 'cn', notify: true, emails: [], bucket: 'recordings' });
  expect(values.strict().parse(sent).retentionDays).toBe(30);
});

test("the server's field errors land on the longest field their path starts with", () => {
  const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
    { path: ['values', 'retentionDays'], message: 'Too big' },
    { path: ['secrets', 'token', 0], message: 'Too short' },
    { path: ['values', 'unknown'], message: 'Not a setting' },
  ]);
  expect(fieldErrorsFor(err, ['values.retentionDays', 'secrets.token'])).toEqual({ onFields: { 'values.retentionDays': 'Too big', 'secrets.token': 'Too short' }, leftOver: true });
  expect(fieldErrorsFor(err, ['values', 'secrets.token'])).toEqual({ onFields: { values: 'Too big', 'secrets.token': 'Too short' }, leftOver: false });
});
