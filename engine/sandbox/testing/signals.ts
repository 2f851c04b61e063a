/**
 * A promise a test awaits until a request's code starts (pass `fire` as `onStart`), instead of
 * sleeping and hoping it has started.
 *
 * @example
 * const started = startedSignal();
 * const outcome = sandbox.run({ ...request, onStart: started.fire });
 * await started.promise;
 */
export function startedSignal() {
  let fired = false;
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return {
    promise,
    fire: () => {
      fired = true;
      resolve();
    },
    fired: () => fired,
  };
}

/**
 * The value or error of `promise` if it settled before the event loop's next turn (its callbacks
 * run in the microtasks of the current one), else "still pending": "at once" without a clock.
 */
export function settledAtOnce(promise: Promise<unknown>): Promise<unknown> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  return Promise.race([outcome, new Promise((resolve) => setImmediate(() => resolve("still pending")))]);
}
