import type { CommitFence, RunMutation, RunStore } from "../../engine/index";

interface Waiting {
  mutations: readonly RunMutation[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The store a server with `ORKA_ENGINE=off` starts runs through: its commits without a fence (the
 * run starts, which no engine of this process runs) are written together, at most one commit in
 * flight and the next gathering meanwhile, so concurrent requests share one round trip, one WAL flush
 * and one wake-up of the workers' claim loops instead of one each. When a joint commit fails, each of
 * its starts is committed again alone: a bad one fails only its own request. Fenced commits and
 * everything else go straight to `store`.
 *
 * @example
 * const engine = createEngine({ store: coalescedSubmits(store), … }); // engineOff(engine, store, relay)
 */
export function coalescedSubmits(store: RunStore): RunStore {
  let waiting: Waiting[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await store.commit(
          batch.flatMap((submit) => submit.mutations),
          null,
        );
        for (const submit of batch) submit.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await Promise.all(batch.map((submit) => store.commit(submit.mutations, null).then(submit.resolve, submit.reject)));
      }
    }
    flushing = false;
  };

  const commit = (mutations: readonly RunMutation[], fence?: CommitFence | null): Promise<void> => {
    if (fence) return store.commit(mutations, fence);
    return new Promise<void>((resolve, reject) => {
      waiting.push({ mutations, resolve, reject });
      if (!flushing) void flush();
    });
  };

  return new Proxy(store, {
    get(target, property) {
      if (property === "commit") return commit;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
