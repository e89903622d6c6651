#!/usr/bin/env node
// Entry of the signer's CLI: the sources are TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/run.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  fetch: globalThis.fetch,
});
