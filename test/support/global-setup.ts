import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadCatalog } from '../../src/data/load-catalog.js';
import { DATA_DIR } from './data-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The parse cache of data/, written once per run before any test file starts. */
    catalogCacheFile: string;
  }
}

/**
 * Parsing the Markdown pages costs a second or two of CPU; done once here rather than once per
 * test file. Each file still builds (and so validates) its catalog from the cached rows.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'intune-err-test-'));
  const cacheFile = join(dir, 'catalog-cache.json');
  loadCatalog(DATA_DIR, { cacheFile });
  project.provide('catalogCacheFile', cacheFile);
  return () => rmSync(dir, { recursive: true, force: true });
}
