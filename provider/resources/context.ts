import { JumpCloudError } from "../errors";
import type { AccessApi } from "./access-api";
import { AdminClaims } from "./admin-claims";
import { ApplicationClaims } from "./application-claims";
import { DeclaredEdges } from "./declared-edges";
import { EdgeClaims } from "./edge-claims";
import { GroupClaims } from "./group-claims";
import type { OrgIndex } from "./org-index";
import { KeyedLock } from "./keyed-lock";
import { SyncCache } from "./sync-cache";
import { VisibilityWaiter } from "./visibility";

/**
 * Everything the resource behaviours share within one provider process: one API per organization, one sync per
 * organization, the per-admin lock, the visibility waiter, the group claims and the declared edges. Tests build
 * their own with `createResourceContext`; the engine's process uses the one built from the stack configuration.
 */
export interface ResourceContext {
  api(orgId: string | undefined): AccessApi;
  /**
   * The organization's one key: an explicit `orgId` lowercased, and no `orgId` as the id of the organization the
   * configuration acts on (`jumpcloud:orgId`, or the only one the key reaches). Everything keyed by organization
   * (declared edges, group claims, syncs, clients, locks, org-change diffs) uses it, so adding an explicit `orgId`
   * equal to the default changes nothing. An `OrgIndex` carries it as `index.org`.
   */
  org(orgId: string | undefined): Promise<string>;
  graph(orgId: string | undefined): Promise<OrgIndex>;
  /** The graph if this process already synced the org; used to patch it after writes without starting a sync. */
  loadedGraph(orgId: string | undefined): OrgIndex | undefined;
  readonly syncs: SyncCache;
  readonly locks: KeyedLock;
  readonly visibility: VisibilityWaiter;
  readonly claims: GroupClaims;
  /** Which resources claim each admin account (an exclusive AdminRoles refuses any other). */
  readonly adminClaims: AdminClaims;
  /** Which resources claim each application (an exclusive ApplicationAssignments refuses any other). */
  readonly applicationClaims: ApplicationClaims;
  /** The edges the resources of this engine run declare (from diff, create and update); deletes leave them. */
  readonly declared: DeclaredEdges;
  /** The edges the resources of this run grant or revoke (from check): one edge both ways is refused. */
  readonly edgeClaims: EdgeClaims;
  /** `<org>/<adminId>/<roleId>` of every AdminRoleGrant checked in this process. */
  readonly declaredAdminRoles: Set<string>;
  /**
   * `<org>/<adminId>/<roleId>` of every admin a revoke of this run moved to its fallback role: the only fallback a
   * grant may replace (a fallback held before, or declared by another resource, is never removed).
   */
  readonly fallbacksSet: Set<string>;
  /** A notice for the person running the engine (e.g. an admin moved to the revoke-to role). */
  notify(message: string): void;
  /** A warning for the person running the engine, shown by `pulumi preview` (an exclusive set emptying a group). */
  warn(message: string): void;
}

export interface ResourceContextOptions {
  apiFor(orgId: string | undefined): AccessApi;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  visibilityTimeoutMs?: number;
  visibilityIntervalMs?: number;
  notify?: (message: string) => void;
  warn?: (message: string) => void;
}

/**
 * An explicit organization id as a key, "" for none. Not the canonical key (no `orgId` is not resolved to the default
 * organization): use `ctx.org(orgId)` or `index.org` for anything that protects or claims access.
 */
export const orgKey = (orgId: string | undefined): string => orgId?.toLowerCase() ?? "";

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createResourceContext(options: ResourceContextOptions): ResourceContext {
  // The default organization's key, once known ("" when the key reaches several and none is configured).
  let defaultKey: string | undefined;
  let resolvingDefault: Promise<string> | undefined;
  const apis = new Map<string, AccessApi>();
  const api = (orgId: string | undefined): AccessApi => {
    const key = orgKey(orgId || undefined);
    // One client per organization: an explicit id equal to the default's is the default's client.
    const slot = key === "" || key === defaultKey ? "" : key;
    let found = apis.get(slot);
    if (!found) {
      found = options.apiFor(slot === "" ? undefined : slot);
      apis.set(slot, found);
    }
    return found;
  };
  const defaultOrg = (): Promise<string> => {
    if (defaultKey !== undefined) return Promise.resolve(defaultKey);
    resolvingDefault ??= api(undefined)
      .organizationId()
      .then(
        (id) => {
          defaultKey = id?.toLowerCase() ?? "";
          return defaultKey;
        },
        (error: unknown) => {
          resolvingDefault = undefined;
          return Promise.reject(syncFailed(error, ""));
        },
      );
    return resolvingDefault;
  };
  const org = async (orgId: string | undefined): Promise<string> => {
    const fallback = await defaultOrg();
    return orgId ? orgId.toLowerCase() : fallback;
  };
  const syncs = new SyncCache((key) =>
    api(key === "" ? undefined : key)
      .sync()
      .catch((error) => Promise.reject(syncFailed(error, key === defaultKey ? "" : key))),
  );
  return {
    api,
    org,
    graph: async (orgId) => syncs.get(await org(orgId)),
    loadedGraph: (orgId) => syncs.peek(orgId ? orgId.toLowerCase() : (defaultKey ?? "")),
    syncs,
    locks: new KeyedLock(),
    visibility: new VisibilityWaiter({
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? Date.now,
      timeoutMs: options.visibilityTimeoutMs ?? 30_000,
      initialIntervalMs: options.visibilityIntervalMs ?? 50,
      maxIntervalMs: 1_000,
    }),
    claims: new GroupClaims(),
    adminClaims: new AdminClaims(),
    applicationClaims: new ApplicationClaims(),
    declared: new DeclaredEdges(),
    edgeClaims: new EdgeClaims(),
    declaredAdminRoles: new Set(),
    fallbacksSet: new Set(),
    notify: options.notify ?? ((message) => process.stderr.write(`${message}\n`)),
    warn: options.warn ?? ((message) => process.stderr.write(`warning: ${message}\n`)),
  };
}

/**
 * Every resource of the run reports the same sync failure, so it says plainly that nothing was read or changed:
 * a refresh keeps the state as it was, and no grant is reported as gone because of a failed listing.
 */
function syncFailed(error: unknown, key: string): JumpCloudError {
  const org = key ? `organization ${key}` : "the configured organization";
  const detail = error instanceof Error ? error.message : String(error);
  const code = error instanceof JumpCloudError ? error.code : "unavailable";
  return new JumpCloudError(
    code,
    `Could not read the access of ${org} from JumpCloud, so nothing was read or changed: ${detail}`,
    {
      cause: error,
    },
  );
}
