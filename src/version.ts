import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read from package.json, found one level up from both src/ and dist/. */
export const VERSION = (require('../package.json') as { version: string }).version;
