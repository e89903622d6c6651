#!/usr/bin/env node
/**
 * `pnpm create-plugin <id>`: the scaffolder is packages/create-plugin, which copies the template
 * package packages/plugins/template. See docs/plugins.md.
 */
try {
  await import('../packages/create-plugin/bin/create-plugin.mjs');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes("'tsx")) throw err;
  console.error('create-plugin: the workspace is not installed yet: run pnpm install first.');
  process.exitCode = 1;
}
