// What instrumentation.ts starts in the Node.js server process, behind a single `import()`: Turbopack
// makes one chunk group per dynamic import, and two groups that share modules each get their own
// copy of the shared chunk, so the process would load (and keep the source of) the same ~1.4 MB of
// server code twice.
export { recordSocketAddresses } from "./accounts/socket-address";
export { shutdownEngineHost, startEngineHostInBackground } from "./engine-host/engine-host";
export { nodeFrontDoor } from "./http/node-front-door";
