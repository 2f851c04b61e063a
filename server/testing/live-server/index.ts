// The attack-test kit: real `next start` servers on fresh databases, and what tests do to them.
// How to write a test with it: docs/testing.md.
export { LiveServer, startLiveServer, type HealthAnswer, type LiveServerOptions, type Readiness, type RestartOptions } from "./live-server";
export { createLiveDatabase, countedTables, type CountedTable, type LiveDatabase, type LiveProvider, type LiveRunEvent, type LiveRunRow } from "./live-database";
export { callWebhook, liveOwner, LiveSession, signIn, signUp, signUpOwner, startRunOverRest, type AuthAnswer, type Person } from "./live-session";
export { postStreamed, request, type HttpAnswer, type StreamedRequest } from "./http";
export { measureRssDuring, treeRssBytes, type RssGrowth } from "./process-memory";
export { eventually } from "./eventually";
export { createLiveDatabases, useLiveServer, type LiveWorld } from "./live-world";
export { describeProbe, probeHealthDuring, type HealthProbe } from "./health-probe";
export { expectAnsweredThroughout, expectOnlyTheseRuns, expectRestartKeepsData, healthAnswerBoundMs } from "./expectations";
