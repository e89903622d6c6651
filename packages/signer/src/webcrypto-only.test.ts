// The library must run in browsers: its sources may use WebCrypto and web globals only. The lint
// rule in eslint.config.js enforces this while editing; this test enforces it in CI as well.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('./', import.meta.url);
const librarySources = readdirSync(srcDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('library sources use only WebCrypto and web APIs', () => {
  it('finds the sources', () => {
    expect(librarySources).toContain('index.ts');
    expect(librarySources).toContain('webcrypto.ts');
  });

  it.each(librarySources)('%s imports only relative modules and touches no Node globals', (name) => {
    const code = readFileSync(new URL(name, srcDir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '') // comments may mention Node
      .replace(/\/\/.*$/gm, '');
    const imports = [...code.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
    for (const specifier of imports) expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\//);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/node:/);
  });

  it('does its cryptography through globalThis.crypto.subtle', () => {
    const code = readFileSync(new URL('webcrypto.ts', srcDir), 'utf8');
    expect(code).toMatch(/globalThis\.crypto/);
    expect(code).toMatch(/\.subtle/);
  });
});
