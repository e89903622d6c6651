// The monorepo's lint rules; src/shared runs in browsers as well as Node.
import root, { sharedRunsInBrowsers } from '../../../eslint.config.js';

export default [...root, sharedRunsInBrowsers];
