// Next.js start-up hook: start the embedded engine in the Node.js server process (not the edge
// runtime), so unfinished runs resume as soon as the server is up.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before the first request: sign-in limits key on the address each connection came from.
    const { recordSocketAddresses } = await import("./server/accounts/socket-address");
    recordSocketAddresses();
    // Not awaited: recovering thousands of unfinished runs must not keep the server from answering
    // (`/api/health` says `recovering`; requests that need the engine wait for it).
    const { shutdownEngineHost, startEngineHostInBackground } = await import("./server/engine-host/engine-host");
    startEngineHostInBackground();
    // For `scripts/serve.mjs` on SIGTERM: finish or hand back running steps, commit, close the store.
    (globalThis as typeof globalThis & { orkaShutdown?: unknown }).orkaShutdown = shutdownEngineHost;
    // For `scripts/serve.mjs`: the run-start doors without Next's routing (server/http/node-front-door.ts).
    const { nodeFrontDoor } = await import("./server/http/node-front-door");
    (globalThis as typeof globalThis & { orkaNodeFrontDoor?: unknown }).orkaNodeFrontDoor = nodeFrontDoor;
  }
}
