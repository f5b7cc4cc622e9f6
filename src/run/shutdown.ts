import type { Logger } from '../log.js';

export interface Stoppable {
  stop(): Promise<void>;
}

/** How long in-flight replies get to finish before the process gives up on them. */
export const SHUTDOWN_GRACE_MS = 8_000;

/** Where signals come from: the process, or an EventEmitter in tests. */
export interface SignalSource {
  on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * SIGTERM (docker stop, Kubernetes) and SIGINT (Ctrl-C) stop the bot cleanly:
 * stop accepting, let in-flight replies finish, exit 0. A second signal, or a
 * drain that outlasts the grace period, exits at once. Returns a function that
 * removes the signal listeners again.
 */
export function exitOnSignals(
  target: Stoppable,
  log: Logger,
  exit: (code: number) => void = process.exit,
  signals: SignalSource = process,
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ ms: Date.now() - started }, 'in-flight work did not finish in time; exiting');
      exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    target.stop().then(
      () => {
        clearTimeout(timer);
        log.info({ ms: Date.now() - started }, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        log.error({ err: error }, 'error while stopping');
        exit(1);
      },
    );
  };
  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
  return () => {
    signals.off('SIGTERM', onSignal);
    signals.off('SIGINT', onSignal);
  };
}
