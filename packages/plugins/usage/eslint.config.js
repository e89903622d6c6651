// The monorepo's lint rules; the usage model (src/shared) runs in browsers as well as Node.
import root, { sharedRunsInBrowsers } from '../../../eslint.config.js';

export default [...root, sharedRunsInBrowsers];
