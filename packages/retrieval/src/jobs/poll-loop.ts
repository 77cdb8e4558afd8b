/** A loop that runs rounds of work: on wake(), and every `intervalMs` while started. */
export interface PollLoop {
  readonly stopped: boolean;
  start(): void;
  /** Runs a round now (or right after the one running); a no-op while stopped. */
  wake(): void;
  /** Stops scheduling rounds; the round running, if any, is left to finish (see idle). */
  halt(): void;
  /** Resolves when no round is running. */
  idle(): Promise<void>;
}

/**
 * Builds the loop. Rounds never overlap: a wake() during a round runs another right after it.
 * Chained timeouts, not setInterval, so a slow round never queues up the next ones.
 */
export function createPollLoop(
  intervalMs: number,
  round: (isStopped: () => boolean) => Promise<void>,
  onError: (error: unknown) => void,
): PollLoop {
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let pollAgain = false;
  const isStopped = () => stopped;

  async function poll(): Promise<void> {
    do {
      pollAgain = false;
      try {
        await round(isStopped);
      } catch (error) {
        onError(error);
      }
    } while (pollAgain && !stopped);
    if (!stopped) timer = setTimeout(wake, intervalMs);
  }

  function wake(): void {
    if (stopped) return;
    if (polling !== undefined) {
      pollAgain = true;
      return;
    }
    clearTimeout(timer);
    polling = poll().finally(() => {
      polling = undefined;
    });
  }

  return {
    get stopped() {
      return stopped;
    },
    start() {
      stopped = false;
      wake();
    },
    wake,
    halt() {
      stopped = true;
      clearTimeout(timer);
    },
    idle: async () => {
      await polling;
    },
  };
}
