import type { AccessGraph, AccessPath, EffectiveAccess } from "../sync/graph";
import {
  compareText,
  describeGrant,
  type GrantDescription,
  groupName,
  indexGraph,
  type GraphIndex,
} from "./graph-index";

export interface AccessChange {
  /** `<appId>/<userId>`. */
  id: string;
  applicationId: string;
  application: string;
  userId: string;
  user: string;
  /** Routes in words ("direct", "via group eng"); empty when the user had (or has) no access. */
  before: string[];
  after: string[];
}

/** What changed between a previous graph (`--since`) and this one. Objects are matched by id, never by name. */
export interface GraphDiff {
  since: { generatedAt: string };
  until: { generatedAt: string };
  grants: { added: GrantDescription[]; removed: GrantDescription[] };
  /** Effective access: a user gained or lost an application, or reaches it by other routes now. */
  access: { added: AccessChange[]; removed: AccessChange[]; changed: AccessChange[] };
  users: { added: string[]; removed: string[] };
  admins: { added: string[]; removed: string[] };
}

export function diffGraphs(before: AccessGraph, after: AccessGraph): GraphDiff {
  const old = indexGraph(before);
  const now = indexGraph(after);
  const oldGrants = new Map(old.grants.map((g) => [g.id, g]));
  const newGrants = new Map(now.grants.map((g) => [g.id, g]));
  const oldAccess = new Map(before.effectiveAccess.map((a) => [a.id, a]));
  const newAccess = new Map(after.effectiveAccess.map((a) => [a.id, a]));

  const added: AccessChange[] = [];
  const changed: AccessChange[] = [];
  for (const [id, access] of newAccess) {
    const previous = oldAccess.get(id);
    if (!previous) added.push(change(now, access, [], routes(now, access.paths)));
    else if (pathKey(previous.paths) !== pathKey(access.paths))
      changed.push(change(now, access, routes(old, previous.paths), routes(now, access.paths)));
  }
  const removed = [...oldAccess]
    .filter(([id]) => !newAccess.has(id))
    .map(([, access]) => change(old, access, routes(old, access.paths), []));

  const emails = (graph: AccessGraph, kind: "users" | "admins") => new Map(graph[kind].map((u) => [u.id, u.email]));
  const setDiff = (a: Map<string, string>, b: Map<string, string>) =>
    [...a]
      .filter(([id]) => !b.has(id))
      .map(([, email]) => email)
      .sort(compareText);

  const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
  return {
    since: { generatedAt: before.generatedAt },
    until: { generatedAt: after.generatedAt },
    grants: {
      added: [...newGrants.values()].filter((g) => !oldGrants.has(g.id)).map((g) => describeGrant(now, g)),
      removed: [...oldGrants.values()].filter((g) => !newGrants.has(g.id)).map((g) => describeGrant(old, g)),
    },
    access: { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) },
    users: {
      added: setDiff(emails(after, "users"), emails(before, "users")),
      removed: setDiff(emails(before, "users"), emails(after, "users")),
    },
    admins: {
      added: setDiff(emails(after, "admins"), emails(before, "admins")),
      removed: setDiff(emails(before, "admins"), emails(after, "admins")),
    },
  };
}

export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    diff.grants.added.length + diff.grants.removed.length === 0 &&
    diff.access.added.length + diff.access.removed.length + diff.access.changed.length === 0 &&
    diff.users.added.length + diff.users.removed.length + diff.admins.added.length + diff.admins.removed.length === 0
  );
}

function change(index: GraphIndex, access: EffectiveAccess, before: string[], after: string[]): AccessChange {
  return {
    id: access.id,
    applicationId: access.applicationId,
    application: index.applications.get(access.applicationId)?.label ?? `unknown application ${access.applicationId}`,
    userId: access.userId,
    user: index.users.get(access.userId)?.email ?? `unknown user ${access.userId}`,
    before,
    after,
  };
}

function routes(index: GraphIndex, paths: AccessPath[]): string[] {
  return paths.map((p) => (p.via === "direct" ? "direct" : `via group ${groupName(index, p.groupId)}`));
}

function pathKey(paths: AccessPath[]): string {
  return paths
    .map((p) => (p.via === "direct" ? "direct" : `group:${p.groupId}`))
    .sort()
    .join("|");
}
