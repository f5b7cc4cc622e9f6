import { createRequire } from 'node:module';

/**
 * How this ES module code loads the CommonJS packages it runs on (Bolt, the Web API and Socket Mode
 * clients, pino, dotenv, redis): with `require`, as Bolt loads its own. An `import` of a CommonJS
 * package makes Node first scan its source, and every file it re-exports, for export names; for
 * these packages that scan was about 90 ms of every start-up (`npm run bench`, ready). Types still
 * come from `import type`.
 *
 * It also loads single files of a package whose index would load far more than is used.
 */
export const requireCommonJs = createRequire(import.meta.url);
