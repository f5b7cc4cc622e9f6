/**
 * Errors a person can act on: each has a stable `code` (for logs, tests and
 * scripts) and a message that says what to do next.
 */
export type IntuneErrCode =
  | 'INTUNE_ERR_CONFIG'
  | 'INTUNE_ERR_DATA'
  | 'INTUNE_ERR_USAGE'
  | 'INTUNE_ERR_SLACK_API'
  | 'INTUNE_ERR_STATE';

export class IntuneErrError extends Error {
  readonly code: IntuneErrCode;
  constructor(code: IntuneErrCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A missing or invalid environment variable; `variable` names it exactly. */
export class ConfigError extends IntuneErrError {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super('INTUNE_ERR_CONFIG', `${variable}: ${message}`);
    this.variable = variable;
  }
}

/** Several configuration problems at once, so a deployer fixes them in one go. */
export class ConfigErrors extends IntuneErrError {
  readonly errors: ConfigError[];
  constructor(errors: ConfigError[]) {
    super('INTUNE_ERR_CONFIG', errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
  get variables(): string[] {
    return this.errors.map((e) => e.variable);
  }
}

/** A data file in data/ that cannot be used; `file` and `line` point at the problem. */
export class DataError extends IntuneErrError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string) {
    super('INTUNE_ERR_DATA', `${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

/** Bad command-line usage: the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends IntuneErrError {
  constructor(message: string) {
    super('INTUNE_ERR_USAGE', message);
  }
}

/** The shared state store (Redis) cannot be used at start-up; `variable` names the setting to check. */
export class StateStoreError extends IntuneErrError {
  readonly variable: string;
  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super('INTUNE_ERR_STATE', `${variable}: ${message}`, options);
    this.variable = variable;
  }
}
