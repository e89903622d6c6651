/* eslint-disable vue/one-component-per-file -- each test mounts a small form of its own */
import { NForm, NFormItem, NInput } from 'naive-ui';
import { afterEach, expect, test } from 'vitest';
import { createApp, defineComponent, h, nextTick, reactive, type App } from 'vue';
import { createI18n } from 'vue-i18n';
import { ApiError } from '../api/api-error';
import { useSubmit } from './submit';

const i18n = () =>
  createI18n({ legacy: false, locale: 'en', messages: { en: { errors: { VALIDATION_FAILED: 'Check the form', CONFLICT: 'Already exists', INTERNAL: 'Something went wrong' } } } });

let app: App | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.innerHTML = '';
});

/** A real naive-ui form with name and email, bound the documented way; resolves to its submission. */
async function mountForm() {
  let submission!: ReturnType<typeof useSubmit>;
  const model = reactive({ name: '', email: '' });
  const Form = defineComponent({
    setup() {
      submission = useSubmit(undefined, model);
      return () =>
        h(NForm, { model }, () => [
          h(NFormItem, { label: 'Name', path: 'name', ...submission.fieldState('name') }, () => h(NInput, { value: model.name, 'onUpdate:value': (v: string) => (model.name = v) })),
          h(NFormItem, { label: 'Email', path: 'email', ...submission.fieldState('email') }, () => h(NInput, { value: model.email })),
        ]);
    },
  });
  const root = document.createElement('div');
  document.body.appendChild(root);
  app = createApp(Form).use(i18n());
  app.mount(root);
  return { submission, model, root };
}

const validation = (details: { path: string[]; message: string }[]) => new ApiError(400, 'VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
const feedbackText = (root: HTMLElement) => [...root.querySelectorAll('.n-form-item-feedback__line')].map((e) => e.textContent?.trim());

test("a 400's field details show on their fields, in the form, and not as a general error", async () => {
  const { submission, root } = await mountForm();
  const ok = await submission.submit(() => Promise.reject(validation([{ path: ['name'], message: 'Too long (max 255)' }])));
  await nextTick();
  expect(ok).toBe(false);
  expect(submission.fieldErrors.value).toEqual({ name: 'Too long (max 255)' });
  expect(submission.error.value).toBe('');
  expect(feedbackText(root)).toEqual(['Too long (max 255)']);
  expect(root.querySelectorAll('.n-form-item-blank--error')).toHaveLength(1);
});

test('details for a field the form does not have also show as the general error', async () => {
  const { submission } = await mountForm();
  await submission.submit(() => Promise.reject(validation([{ path: ['email'], message: 'Taken' }, { path: ['region'], message: 'Unknown region' }])));
  expect(submission.fieldErrors.value).toEqual({ email: 'Taken' });
  expect(submission.error.value).toBe('Check the form: Taken; Unknown region');
});

test("editing a field clears its server error; the next submission starts clean", async () => {
  const { submission, model, root } = await mountForm();
  await submission.submit(() => Promise.reject(validation([{ path: ['name'], message: 'Too long' }, { path: ['email'], message: 'Taken' }])));
  model.name = 'Shorter';
  await nextTick();
  expect(submission.fieldErrors.value).toEqual({ email: 'Taken' });
  expect(root.querySelectorAll('.n-form-item-blank--error')).toHaveLength(1);
  expect(await submission.submit(() => Promise.resolve())).toBe(true);
  expect(submission.fieldErrors.value).toEqual({});
});

test('a conflict on a field says what kind of refusal it is, in the user\'s language', async () => {
  const { submission } = await mountForm();
  await submission.submit(() => Promise.reject(new ApiError(409, 'CONFLICT', 'email: already a member', [{ path: ['email'], message: 'already a member' }])));
  expect(submission.fieldErrors.value).toEqual({ email: 'Already exists: already a member' });
  expect(submission.error.value).toBe('');
});

test('an error without field details is the general error, in the user\'s language', async () => {
  const { submission } = await mountForm();
  await submission.submit(() => Promise.reject(new Error('boom')));
  expect(submission.error.value).toBe('Something went wrong');
  expect(submission.fieldErrors.value).toEqual({});
});

test('without a model the form shows no fields: field details stay in the general error', async () => {
  let submission!: ReturnType<typeof useSubmit>;
  app = createApp(defineComponent({ setup: () => ((submission = useSubmit()), () => null) })).use(i18n());
  app.mount(document.createElement('div'));
  await submission.submit(() => Promise.reject(validation([{ path: ['password'], message: 'Not correct' }])));
  expect(submission.error.value).toBe('Check the form: Not correct');
});
