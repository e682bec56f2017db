// Checks at a time, bounded: each is an SSH login, and a feed-off event may take out a row of
// switches at once. Work beyond the bound waits its turn, first come first served.

export interface CheckSlots {
  /** Runs work when a slot is free. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Stop: every waiter goes now (the work it runs sees the watch stopping and starts nothing). */
  releaseAll(): void;
}

export function createCheckSlots(slots: number): CheckSlots {
  let running = 0;
  const queue: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= slots) await new Promise<void>((go) => queue.push(go));
      running++;
      try {
        return await work();
      } finally {
        running--;
        queue.shift()?.();
      }
    },
    releaseAll() {
      for (const go of queue.splice(0)) go();
    },
  };
}
