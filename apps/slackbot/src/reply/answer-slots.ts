/** A limit on answers in flight: each `run` waits for a free slot, first come first served. */
export interface AnswerSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Answers waiting for a slot now. */
  waiting(): number;
}

/**
 * Bolt acknowledges each event at once and the answer runs after, so a burst of mentions (a
 * channel import, a bot loop, a flood) would otherwise start that many answers together, each
 * holding a database connection, a model request and its sources in memory.
 * @example const slots = createAnswerSlots(8); await slots.run(() => answer(question));
 */
export function createAnswerSlots(limit: number): AnswerSlots {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`answer slots: expected a whole number >= 1, got ${limit}`);
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(work) {
      if (running < limit) running++;
      // A released slot passes straight to the next waiter, so `running` stays as it was.
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    waiting: () => queue.length,
  };
}
