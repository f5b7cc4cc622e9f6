#!/usr/bin/env node
import { requireCommonJs } from '../require-commonjs.js';
import { runCli } from './run-cli.js';

const { config: loadDotenv } = requireCommonJs('dotenv') as typeof import('dotenv');

loadDotenv({ quiet: true });
// `intune-err --all < log | head` closes the pipe early: the reader has what it wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true,
  stdin: process.stdin,
});
