#!/usr/bin/env node
// Runs the scaffolder's TypeScript through tsx, resolved from this package (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
