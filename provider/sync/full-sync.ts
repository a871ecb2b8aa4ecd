import type { JumpCloudClient } from "../client/jumpcloud-client";
import type { JumpCloudOrganization } from "../client/schemas";
import { JumpCloudError } from "../errors";
import { buildGraph } from "./build-graph";
import type { AccessGraph } from "./graph";
import { type RawOrg, readMembers, runSteps, SYNC_STEPS, type SyncStep, withContext } from "./steps";

export interface FullSyncOptions {
  /** List pages read so far and known so far (the second grows as first pages reveal totals). */
  onProgress?(done: number, known: number): void;
  now?: () => Date;
  /**
   * The organizations the key reaches, when the caller has already read them in this run (the provider reads them
   * to key its sync): the sync then sends one request fewer, so a no-change `pulumi up` costs exactly one sync.
   */
  organizations?: () => Promise<JumpCloudOrganization[]>;
}

/**
 * Reads one organization completely and returns its access graph. Fails closed: if any listing is incomplete or
 * any request fails for good, this throws and no graph is returned, because a graph missing an edge would report
 * access as removed.
 */
export async function fullSync(client: JumpCloudClient, options: FullSyncOptions = {}): Promise<AccessGraph> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const before = client.stats();
  let done = 0;
  let known = 0;
  const unobserve = client.observePages({
    pagesKnown: (count) => {
      known += count;
      options.onProgress?.(done, known);
    },
    pageDone: () => {
      done++;
      options.onProgress?.(done, known);
    },
  });
  try {
    const raw = await runSteps(client, stepsReusing(options.organizations));
    await resolveStragglers(client, raw);
    const after = client.stats();
    return buildGraph(raw, {
      apiUrl: client.apiUrl,
      orgId: client.orgId,
      generatedAt: started,
      stats: {
        requests: after.requests - before.requests,
        pages: after.pages - before.pages,
        retries: after.retries - before.retries,
        durationMs: now().getTime() - started.getTime(),
      },
    });
  } finally {
    unobserve();
  }
}

/**
 * The lists are read concurrently, not in one snapshot: a user created or a group added after its list was read
 * can already appear in a membership or an assignment. Such stragglers are fetched one by one (rare, so no bulk
 * call), and an edge is dropped only when JumpCloud confirms with a 404 that its user or group is gone, in which
 * case the edge is gone with it.
 */
async function resolveStragglers(client: JumpCloudClient, raw: RawOrg): Promise<void> {
  const knownGroups = new Set(raw.groups.map((g) => g.id));
  const missingGroups = new Set<string>();
  for (const targets of raw.assignments.values()) {
    for (const id of targets.user_group) if (!knownGroups.has(id)) missingGroups.add(id);
  }
  const goneGroups = new Set<string>();
  const found = await Promise.all(
    [...missingGroups].map((id) => fetchOrGone(() => client.getGroup(id), id, goneGroups)),
  );
  const newGroups = found.filter((g) => g !== undefined);
  raw.groups.push(...newGroups);
  for (const [id, members] of await readMembers(client, newGroups)) raw.members.set(id, members);
  for (const targets of raw.assignments.values())
    targets.user_group = targets.user_group.filter((id) => !goneGroups.has(id));

  const knownUsers = new Set(raw.users.map((u) => u._id));
  const missingUsers = new Set<string>();
  for (const members of raw.members.values()) for (const id of members) if (!knownUsers.has(id)) missingUsers.add(id);
  for (const targets of raw.assignments.values())
    for (const id of targets.user) if (!knownUsers.has(id)) missingUsers.add(id);
  if (missingUsers.size === 0) return;
  const goneUsers = new Set<string>();
  const users = await Promise.all([...missingUsers].map((id) => fetchOrGone(() => client.getUser(id), id, goneUsers)));
  raw.users.push(...users.filter((u) => u !== undefined));
  for (const [groupId, members] of raw.members)
    raw.members.set(
      groupId,
      members.filter((id) => !goneUsers.has(id)),
    );
  for (const targets of raw.assignments.values()) targets.user = targets.user.filter((id) => !goneUsers.has(id));
}

async function fetchOrGone<T>(fetch: () => Promise<T>, id: string, gone: Set<string>): Promise<T | undefined> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof JumpCloudError && error.code === "not_found") {
      gone.add(id);
      return undefined;
    }
    throw withContext(error, `reading ${id}, which appeared in a listing after the main lists were read`);
  }
}

/** The sync steps, the organizations step answered by `organizations` when given. */
function stepsReusing(organizations: FullSyncOptions["organizations"]): readonly SyncStep[] {
  if (!organizations) return SYNC_STEPS;
  return SYNC_STEPS.map((step) => (step.id === "organizations" ? { ...step, run: () => organizations() } : step));
}
