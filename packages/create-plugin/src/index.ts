/** The scaffolder behind `pnpm create-plugin`, for its command line and tests. */
export { createPlugin, nextSteps, type Created, type CreateOptions } from './create-plugin.js';
export { main, parseCommandLine, USAGE } from './cli.js';
export { defaultName, nameFile, namesOf, renameTokens, TEMPLATE_ID, type DisplayName, type PluginNames } from './names.js';
export { UsageError, validateId } from './validate.js';
