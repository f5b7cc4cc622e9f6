import { fileURLToPath } from 'node:url';

/** The real data/ folder: Microsoft's page, our en-US page, the Windows Update code names. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
