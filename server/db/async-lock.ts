/**
 * A first-come, first-served lock for asynchronous work: `acquire()` resolves, in call order, with
 * the function that releases it (calling that twice releases once).
 *
 * @example
 * const lock = new AsyncLock();
 * const release = await lock.acquire();
 * try { await work(); } finally { release(); }
 */
export class AsyncLock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => resolve(this.#releaser());
      if (this.#held) this.#waiting.push(grant);
      else {
        this.#held = true;
        grant();
      }
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Handed straight to the next waiter, so a newcomer cannot take it in between.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held = false;
    };
  }
}
