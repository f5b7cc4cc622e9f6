#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import { runCli } from './run-cli.js';

loadDotenv({ quiet: true });

const code = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true,
});
process.exitCode = code;
