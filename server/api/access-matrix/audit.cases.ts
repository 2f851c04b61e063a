import { accessCase } from "./access-case";

// The log is read by any member of the team; another team's owner reads only their own team's.
export const auditCases = [
  accessCase({ path: "audit.list", allowed: "viewer", outsider: "own-team", input: () => ({}) }),
  accessCase({ path: "audit.list", label: "filtered to runs", allowed: "viewer", outsider: "own-team", input: () => ({ action: "run.", limit: 10 }) }),
  accessCase({ path: "audit.actors", allowed: "viewer", outsider: "own-team", input: () => undefined }),
];
