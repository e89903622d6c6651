import { expect, test } from 'vitest';
import { escapeLike, searchTerm } from './search.js';

test('LIKE wildcards in user input match literally', () => {
  expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  expect(searchTerm('a%b')).toBe('%a\\%b%');
});

test('an empty search is no filter', () => {
  expect(searchTerm(undefined)).toBeUndefined();
  expect(searchTerm('')).toBeUndefined();
});
