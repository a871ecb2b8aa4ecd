/**
 * Call-count arithmetic for the sync benchmark: the lower bound for any complete sync at 100 items per page, and
 * baton-jumpcloud's count for the same org, by the formula in the peers notes.
 */
import type { AccessGraph } from "../provider/sync/graph";

export const PAGE = 100;

/** What one org looks like to a full sync: the size of every list it must read. */
export interface ListSizes {
  collections: number[];
  /** Direct members per group. */
  members: number[];
  /** Per application: direct users and assigned groups. */
  appUsers: number[];
  appGroups: number[][];
}

export function listSizes(graph: AccessGraph): ListSizes {
  const membersOf = new Map<string, number>(graph.groups.map((g) => [g.id, 0]));
  for (const m of graph.memberships) membersOf.set(m.groupId, (membersOf.get(m.groupId) ?? 0) + 1);
  const appUsers = new Map<string, number>(graph.applications.map((a) => [a.id, 0]));
  const appGroups = new Map<string, number[]>(graph.applications.map((a) => [a.id, []]));
  for (const a of graph.applicationAssignments) {
    if (a.targetType === "user") appUsers.set(a.applicationId, (appUsers.get(a.applicationId) ?? 0) + 1);
    else appGroups.get(a.applicationId)?.push(membersOf.get(a.targetId) ?? 0);
  }
  return {
    // users, admins, roles, groups, applications, organizations
    collections: [
      graph.users.length,
      graph.admins.length,
      graph.roles.length,
      graph.groups.length,
      graph.applications.length,
      1,
    ],
    members: [...membersOf.values()],
    appUsers: [...appUsers.values()],
    appGroups: [...appGroups.values()],
  };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

/** LB = Σ over lists of max(1, ⌈n/100⌉); an application's users and groups are one list (one `targets=` query). */
export function lowerBound(sizes: ListSizes): { calls: number; lists: number } {
  const appLists = sizes.appUsers.map((users, i) => users + (sizes.appGroups[i]?.length ?? 0));
  const all = [...sizes.collections, ...sizes.members, ...appLists];
  return { calls: all.reduce((sum, n) => sum + pages(n), 0), lists: all.length };
}

/**
 * baton-jumpcloud (newest version), from the peers notes: every list ends on an empty page, one admin GET per user
 * resource, and the members of every assigned group listed again per application. U_m (users with a manager) is 0
 * here because the synthetic users have no manager, so this is the formula's lowest value for the org.
 */
export function batonCalls(graph: AccessGraph, sizes: ListSizes, adminPageSize = 10): number {
  const pg = (n: number, l: number) => Math.ceil(n / l) + 1;
  const U = graph.users.length;
  const A = graph.admins.length;
  const adminOnly = graph.admins.filter((a) => a.linkedUserId === null).length;
  const usersWithManager = 0;
  let calls = 1 + pg(U, 100) + usersWithManager + pg(A, adminPageSize) + (U + adminOnly);
  calls += pg(graph.groups.length, 100) + sizes.members.reduce((s, m) => s + pg(m, 100), 0);
  calls += pg(graph.applications.length, 100);
  sizes.appUsers.forEach((users, i) => {
    const groups = sizes.appGroups[i] ?? [];
    calls += pg(users, 100) + pg(groups.length, 100) + groups.reduce((s, m) => s + pg(m, 100), 0);
  });
  return calls + pg(A, adminPageSize);
}
