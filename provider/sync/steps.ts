/**
 * What a full sync reads, as steps with explicit dependencies. Each step runs as soon as the steps it depends on
 * are done, all under the client's concurrency cap: the six collections start together; group members start when
 * the group list is in, application assignments when the application list is in.
 *
 * Calls: each collection is listed once, each group's members once, each application's assignments once (users and
 * groups in one listing). Nothing is read per user, and no traversal endpoint is used: effective access is computed
 * in memory (see effective-access.ts).
 */
import { setMaxListeners } from "node:events";
import type { ApplicationTarget, JumpCloudClient } from "../client/jumpcloud-client";
import type {
  JumpCloudAdmin,
  JumpCloudApplication,
  JumpCloudOrganization,
  JumpCloudRole,
  JumpCloudSystemUser,
  JumpCloudUserGroup,
} from "../client/schemas";
import { JumpCloudError } from "../errors";

/** Everything read from JumpCloud, before conversion. */
export interface RawOrg {
  organizations: JumpCloudOrganization[];
  users: JumpCloudSystemUser[];
  admins: JumpCloudAdmin[];
  roles: JumpCloudRole[];
  groups: JumpCloudUserGroup[];
  applications: JumpCloudApplication[];
  /** Group id → ids of its direct members. */
  members: Map<string, string[]>;
  /** Application id → ids of the users and groups it is assigned to directly. */
  assignments: Map<string, Record<ApplicationTarget, string[]>>;
}

export type StepId = keyof RawOrg;

export interface SyncStep {
  id: StepId;
  dependsOn: StepId[];
  /** `signal` is aborted as soon as any step fails: nothing more is sent for a sync that cannot succeed. */
  run(client: JumpCloudClient, raw: Partial<RawOrg>, signal: AbortSignal): Promise<RawOrg[StepId]>;
}

export const SYNC_STEPS: readonly SyncStep[] = [
  { id: "organizations", dependsOn: [], run: (c, _raw, signal) => c.listOrganizations({ signal }) },
  { id: "users", dependsOn: [], run: (c, _raw, signal) => c.listUsers({ signal }) },
  { id: "admins", dependsOn: [], run: (c, _raw, signal) => c.listAdmins({ signal }) },
  { id: "roles", dependsOn: [], run: (c, _raw, signal) => c.listRoles({ signal }) },
  { id: "groups", dependsOn: [], run: (c, _raw, signal) => c.listGroups({ signal }) },
  { id: "applications", dependsOn: [], run: (c, _raw, signal) => c.listApplications({ signal }) },
  { id: "members", dependsOn: ["groups"], run: (c, raw, signal) => readMembers(c, raw.groups ?? [], signal) },
  {
    id: "assignments",
    dependsOn: ["applications"],
    run: (c, raw, signal) => readAssignments(c, raw.applications ?? [], signal),
  },
];

/** Runs the steps, each once, each after its dependencies. The first failure fails the sync: no partial graph. */
export async function runSteps(client: JumpCloudClient, steps: readonly SyncStep[] = SYNC_STEPS): Promise<RawOrg> {
  const raw: Partial<RawOrg> = {};
  const running = new Map<StepId, Promise<void>>();
  const abort = new AbortController();
  // Every request in flight listens to this signal (removed when it ends): up to the concurrency cap, not a leak.
  setMaxListeners(0, abort.signal);
  const start = (id: StepId): Promise<void> => {
    const existing = running.get(id);
    if (existing) return existing;
    const step = steps.find((s) => s.id === id);
    if (!step) throw new Error(`sync step "${id}" is not defined`);
    const promise = Promise.all(step.dependsOn.map(start))
      .then(() => step.run(client, raw, abort.signal))
      .then(
        (value) => {
          (raw as Record<StepId, unknown>)[id] = value;
        },
        (error: unknown) => {
          abort.abort();
          throw error;
        },
      );
    running.set(id, promise);
    return promise;
  };
  await Promise.all(steps.map((s) => start(s.id)));
  return raw as RawOrg;
}

export async function readMembers(
  client: JumpCloudClient,
  groups: JumpCloudUserGroup[],
  signal?: AbortSignal,
): Promise<RawOrg["members"]> {
  const entries = await Promise.all(
    groups.map(async (g) => {
      try {
        return [g.id, await client.listGroupMembers(g.id, { signal })] as const;
      } catch (error) {
        throw withContext(error, `reading the members of user group "${g.name}" (${g.id})`);
      }
    }),
  );
  return new Map(entries);
}

export async function readAssignments(
  client: JumpCloudClient,
  applications: JumpCloudApplication[],
  signal?: AbortSignal,
): Promise<RawOrg["assignments"]> {
  const entries = await Promise.all(
    applications.map(async (a) => {
      try {
        const targets = await client.listApplicationTargets(a._id, ["user", "user_group"], { signal });
        return [a._id, { user: targets.userIds, user_group: targets.groupIds }] as const;
      } catch (error) {
        throw withContext(error, `reading the assignments of application "${a.displayLabel || a.name}" (${a._id})`);
      }
    }),
  );
  return new Map(entries);
}

/** Names the object whose read failed (the client only knows ids), keeping the code and the hint. */
export function withContext(error: unknown, doing: string): unknown {
  if (!(error instanceof JumpCloudError)) return error;
  const message = error.hint ? error.message.slice(0, -error.hint.length - 1) : error.message;
  return new JumpCloudError(error.code, `Failed ${doing}: ${message}`, {
    hint: error.hint,
    method: error.method,
    path: error.path,
    status: error.status,
    cause: error,
  });
}
