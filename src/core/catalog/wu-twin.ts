import { formatCode } from '../hex.js';
import type { WuCode } from './types.js';

export const FACILITY_WINDOWSUPDATE = 0x24;
const FACILITY_MASK = 0x07ff0000;

/** The same code with Windows Update's facility (0x24) in place of the Update Agent's. */
export function wuValueOf(value: number): number {
  return ((value & ~FACILITY_MASK) | (FACILITY_WINDOWSUPDATE << 16)) >>> 0;
}

/** The Windows Update name an Intune name would have: OM_/OMC_ become WU_. */
export function wuNameOf(name: string): string {
  return name.replace(/^OMC?_/, 'WU_');
}

/**
 * A twin exists only where wuerror.h has the same value under the mirrored name.
 * Nine Intune values collide with unrelated Windows Update codes; pairing those
 * would send an admin after the wrong problem.
 */
export function findWuTwin(
  value: number,
  name: string,
  wuByValue: (value: number) => WuCode | undefined,
): WuCode | undefined {
  const candidate = wuByValue(wuValueOf(value));
  return candidate !== undefined && candidate.name === wuNameOf(name) ? candidate : undefined;
}

export function makeWuCode(value: number, name: string): WuCode {
  return { value: value >>> 0, code: formatCode(value), name };
}
