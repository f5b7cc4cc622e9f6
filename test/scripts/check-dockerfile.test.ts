import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, parseEnv, ROOT, stagesOf, staticRules } from '../../scripts/check-dockerfile.js';
import { startCommand } from '../../scripts/start-command.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');

/** The real Dockerfile with one thing changed; fails loudly if the text to change is gone. */
function edited(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  expect(out, `the Dockerfile no longer contains ${String(from)}`).not.toBe(text);
  return out;
}

describe('Dockerfile static rules', () => {
  it('the Dockerfile and .dockerignore meet them all', () => {
    const report = staticRules({ dockerfile, dockerignore });
    expect(report.problems).toEqual([]);
    expect(report.results.length).toBeGreaterThan(15);
    expect(report.plan?.cmd).toEqual(startCommand(ROOT));
    expect(report.plan?.cmd?.at(-1)).toBe('dist/main.js');
  });

  it('parses continuations and drops comments, also inside a continuation', () => {
    const instructions = parseDockerfile(
      '# syntax=docker/dockerfile:1\nFROM node:20-slim AS a\nENV A=1 \\\n  # note\n  B=2\nRUN echo hi\n',
    );
    expect(instructions).toEqual([
      { keyword: 'FROM', args: 'node:20-slim AS a' },
      { keyword: 'ENV', args: 'A=1    B=2' },
      { keyword: 'RUN', args: 'echo hi' },
    ]);
    expect(parseEnv(instructions[1]?.args ?? '')).toEqual({ A: '1', B: '2' });
    expect(stagesOf(instructions).map((s) => [s.name, s.steps.length])).toEqual([['a', 2]]);
  });

  it.each([
    {
      broken: 'CMD in shell form',
      change: [/^CMD \[.*\]$/m, 'CMD node dist/main.js'],
      reported: ['CMD is in exec form', 'CMD starts node directly', 'CMD runs the bot as npm start does'],
    },
    {
      broken: 'CMD through npm',
      change: [/^CMD \[.*\]$/m, 'CMD ["npm", "start"]'],
      reported: ['CMD starts node directly', 'CMD runs the bot as npm start does'],
    },
    {
      broken: 'a CMD with other Node flags than npm start',
      change: [/^CMD \[.*\]$/m, 'CMD ["node", "--max-old-space-size=256", "dist/main.js"]'],
      reported: ['CMD runs the bot as npm start does'],
    },
    {
      broken: 'no USER',
      change: [/^USER node$/m, ''],
      reported: ['the image runs as an unprivileged USER (none)'],
    },
    {
      broken: 'USER root',
      change: [/^USER node$/m, 'USER root'],
      reported: ['the image runs as an unprivileged USER (root)'],
    },
    {
      broken: 'a COPY of a file that does not exist',
      change: ['COPY package.json manifest.yml ./', 'COPY package.json manifest.yml no-such-file.txt ./'],
      reported: ['every COPY source is in the build context (missing no-such-file.txt (no such file))'],
    },
    {
      broken: 'a COPY of what .dockerignore leaves out',
      change: ['COPY data ./data\n# The official', 'COPY test ./test\n# The official'],
      reported: ['every COPY source is in the build context (missing test (left out by .dockerignore))'],
    },
    {
      broken: 'a base other than node:20 slim',
      change: ['FROM node:20-slim AS run', 'FROM node:22 AS run'],
      reported: ['stage run is based on node:20 slim (node:22)'],
    },
    {
      broken: 'no HEALTHCHECK',
      change: [/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''],
      reported: ['HEALTHCHECK probes /healthz', 'HEALTHCHECK CMD is in exec form'],
    },
    {
      broken: 'EXPOSE on another port than ENV PORT',
      change: [/^EXPOSE 3000$/m, 'EXPOSE 8080'],
      reported: ['EXPOSE matches ENV PORT (3000)'],
    },
    {
      broken: 'an ENTRYPOINT around the CMD',
      change: [/^CMD /m, 'ENTRYPOINT ["tini", "--"]\nCMD '],
      reported: ['no ENTRYPOINT wraps the CMD'],
    },
    {
      broken: 'an instruction before the first FROM',
      change: [/^FROM node:20-slim AS build$/m, 'RUN echo hi\nFROM node:20-slim AS build'],
      reported: [
        'RUN before the first FROM',
        'the Dockerfile linter (dockerfile-utils) finds nothing: line 4',
      ],
    },
    {
      broken: 'a second CMD (the linter)',
      change: [/^CMD (\[.*\])$/m, 'CMD $1\nCMD $1'],
      reported: [
        'the Dockerfile linter (dockerfile-utils) finds nothing: line 35: There can only be one CMD',
      ],
    },
    {
      broken: 'a HEALTHCHECK interval that is not a duration (the linter)',
      change: ['--interval=30s', '--interval=often'],
      reported: [
        'the Dockerfile linter (dockerfile-utils) finds nothing: line 31: time: invalid duration often',
      ],
    },
  ] as const)('reports $broken', ({ change, reported }) => {
    const report = staticRules({ dockerfile: edited(dockerfile, change[0], change[1]), dockerignore });
    for (const rule of reported) {
      expect(report.problems, rule).toEqual(expect.arrayContaining([expect.stringContaining(rule)]));
    }
    expect(report.problems).toHaveLength(reported.length);
  });

  it('reports a .dockerignore that lets .env files in', () => {
    const report = staticRules({ dockerfile, dockerignore: dockerignore.replace(/^\.env.*$/gm, '') });
    expect(report.problems).toEqual([
      '.dockerignore keeps .env out of the build context',
      '.dockerignore keeps .env.local out of the build context',
      '.dockerignore keeps .env.production out of the build context',
    ]);
  });
});
