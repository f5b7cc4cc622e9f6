import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start`'s command as argv (`node`, its flags, the entry point): how the bot is meant to run.
 * The image's CMD must be the same (scripts/check-dockerfile.ts) and the benchmark starts the bot
 * with it, so a Node flag added to `npm start` reaches both.
 */
export function startCommand(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = manifest.scripts?.start;
  if (!start || /["'$`\\|&;<>]/.test(start))
    throw new Error(
      `package.json's start script must be a plain command line (it is ${JSON.stringify(start)})`,
    );
  return start.trim().split(/\s+/);
}
