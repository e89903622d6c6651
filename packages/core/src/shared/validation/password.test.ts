import { expect, test } from 'vitest';
import { isCommonPassword, passwordContextIssue, passwordSchema } from './password.js';

const issues = (value: string) => (passwordSchema.safeParse(value).error?.issues ?? []).map((i) => i.message);

test('length counts code points: 7 refused, 8 of any script accepted, 256 accepted, 257 refused', () => {
  expect(issues('abcdefg')).toEqual(['Password must be at least 8 characters']);
  expect(issues('密码很长很长很长')).toEqual([]);
  expect(issues('🔑🔑🔑🔑')).toEqual(['Password must be at least 8 characters']); // 8 UTF-16 units, 4 characters
  expect(issues('tide pool '.repeat(26).slice(0, 256))).toEqual([]);
  expect(issues('x'.repeat(257))).toEqual(['Password must be at most 256 characters']);
});

test('common passwords are refused whatever their case, with a message naming why', () => {
  expect(isCommonPassword('password')).toBe(true);
  expect(isCommonPassword('QwertyUIOP')).toBe(true);
  expect(isCommonPassword('tide pool 4711')).toBe(false);
  expect(issues('Sunshine')[0]).toMatch(/too common/);
});

test('the context check refuses the e-mail, its local part and the name inside the password', () => {
  expect(passwordContextIssue('x grace.hopper@navy.example x', { email: 'grace.hopper@navy.example' })).not.toBeNull();
  expect(passwordContextIssue('grace.hopper2026', { email: 'grace.hopper@navy.example' })).not.toBeNull();
  expect(passwordContextIssue('i am Grace Hopper!', { name: 'Grace Hopper' })).not.toBeNull();
  expect(passwordContextIssue('compiler pioneer', { email: 'grace.hopper@navy.example', name: 'Grace Hopper' })).toBeNull();
  expect(passwordContextIssue('a little bo peep', { name: 'Bo' })).toBeNull(); // too short to check
});
