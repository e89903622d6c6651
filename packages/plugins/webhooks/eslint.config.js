// The monorepo's lint rules; the plugin's src/shared (event names, messages) runs in browsers as well as Node.
import root, { sharedRunsInBrowsers } from '../../../eslint.config.js';

export default [...root, sharedRunsInBrowsers];
