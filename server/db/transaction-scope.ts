import { AsyncLocalStorage } from "node:async_hooks";

/** A `$transaction` callback of the client `owner`, running until it settles. */
interface OpenCallback {
  owner: object;
  open: boolean;
}

const openCallbacks = new AsyncLocalStorage<readonly OpenCallback[]>();

/**
 * A query went through the outer Prisma client from inside one of its own `$transaction`
 * callbacks. On SQLite that query would wait for the transaction, which waits for the callback:
 * a deadlock until the transaction's timeout. On PostgreSQL it would run outside the transaction
 * (surviving its rollback, blind to its writes).
 */
export class OuterClientInTransactionError extends Error {
  constructor(what: string) {
    super(
      `${what} used the outer Prisma client inside its own $transaction callback: ` +
        "query through the callback's `tx` argument (pass `tx` down to the functions the callback calls)",
    );
    this.name = "OuterClientInTransactionError";
  }
}

interface PrismaLike {
  $extends(extension: unknown): unknown;
  $transaction: unknown;
}

type TransactionMethod = (input: unknown, options?: unknown) => Promise<unknown>;

interface OperationParams {
  model?: string;
  operation: string;
  args: unknown;
  query(args: unknown): Promise<unknown>;
  /** Not in Prisma's types, but what its own read-replicas extension routes by: `transaction` is set for `tx` and batch queries. */
  __internalParams?: { transaction?: unknown };
}

/**
 * `client` extended to throw `OuterClientInTransactionError` for a query or a `$transaction` of
 * the outer client started from inside one of its own interactive `$transaction` callbacks. Checked
 * where the query is issued, in its caller's async context: by the time it reaches the driver,
 * Prisma may have batched it with other requests' queries (`findUnique`s of one tick). Work a
 * callback leaves running after it has settled (a timer, a listener) is no longer inside it.
 */
export function refuseOuterClientInCallbacks<Client extends PrismaLike>(client: Client): Client {
  const owner = {};
  const refuseInsideCallback = (what: string) => {
    if (openCallbacks.getStore()?.some((callback) => callback.owner === owner && callback.open)) throw new OuterClientInTransactionError(what);
  };
  const guarded = client.$extends({
    query: {
      $allOperations({ model, operation, args, query, __internalParams }: OperationParams) {
        if (!__internalParams?.transaction) refuseInsideCallback(`prisma.${model ? `${model}.` : ""}${operation}`);
        return query(args);
      },
    },
  }) as Client;
  const start = (guarded.$transaction as TransactionMethod).bind(guarded);
  const $transaction: TransactionMethod = async (input, options) => {
    refuseInsideCallback("prisma.$transaction");
    return typeof input === "function" ? start((tx: unknown) => runOpen(owner, () => input(tx)), options) : start(input, options);
  };
  // Prisma's transaction client (`tx`) has no `$transaction`: this replaces only the outer client's.
  Object.defineProperty(guarded, "$transaction", { value: $transaction, configurable: true, writable: true });
  return guarded;
}

async function runOpen<T>(owner: object, callback: () => Promise<T>): Promise<T> {
  const frame: OpenCallback = { owner, open: true };
  try {
    return await openCallbacks.run([...(openCallbacks.getStore() ?? []), frame], callback);
  } finally {
    frame.open = false;
  }
}
