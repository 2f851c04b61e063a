// Next.js start-up hook: start the embedded engine in the Node.js server process (not the edge
// runtime), so unfinished runs resume as soon as the server is up.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before the first request: sign-in limits key on the address each connection came from.
    const { recordSocketAddresses } = await import("./server/accounts/socket-address");
    recordSocketAddresses();
    const { getEngineHost } = await import("./server/engine-host/engine-host");
    await getEngineHost();
  }
}
