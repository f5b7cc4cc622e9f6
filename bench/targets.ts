export interface Target {
  name: string;
  goal: string;
  measured: string;
  /** Undefined when the part of the benchmark that measures it could not run. */
  met: boolean | undefined;
}

export function target(name: string, goal: string, measured: string, met: boolean | undefined): Target {
  return { name, goal, measured, met };
}

export const verdict = (met: boolean | undefined) =>
  met === undefined ? 'not measured' : met ? 'met' : 'MISSED';
