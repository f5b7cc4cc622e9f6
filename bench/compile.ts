import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Turns a bench/ TypeScript file into plain JavaScript next to it (bench/.cache/),
 * so that it runs under bare `node` exactly as the bot's built dist/ code does:
 * no loader in either process, nothing to tell them apart but the app itself.
 */
export function compileForNode(file: string): string {
  const source = fileURLToPath(new URL(file, import.meta.url));
  const out = fileURLToPath(new URL(`.cache/${file.replace(/\.ts$/, '.mjs')}`, import.meta.url));
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  mkdirSync(fileURLToPath(new URL('.cache/', import.meta.url)), { recursive: true });
  writeFileSync(out, outputText);
  return out;
}
