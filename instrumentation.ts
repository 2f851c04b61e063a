// Next.js start-up hook: start the embedded engine in the Node.js server process (not the edge
// runtime), so unfinished runs resume as soon as the server is up.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // One import for all of it (server/node-server-start.ts says why).
    const { recordSocketAddresses, shutdownEngineHost, startEngineHostInBackground, nodeFrontDoor } = await import("./server/node-server-start");
    // Before the first request: sign-in limits key on the address each connection came from.
    recordSocketAddresses();
    // Not awaited: recovering thousands of unfinished runs must not keep the server from answering
    // (`/api/health` says `recovering`; requests that need the engine wait for it).
    startEngineHostInBackground();
    // For `scripts/serve.mjs` on SIGTERM: finish or hand back running steps, commit, close the store.
    (globalThis as typeof globalThis & { orkaShutdown?: unknown }).orkaShutdown = shutdownEngineHost;
    // For `scripts/serve.mjs`: the run-start doors without Next's routing (server/http/node-front-door.ts).
    (globalThis as typeof globalThis & { orkaNodeFrontDoor?: unknown }).orkaNodeFrontDoor = nodeFrontDoor;
  }
}
