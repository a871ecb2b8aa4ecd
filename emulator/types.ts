/**
 * The emulator's public contract: how tests, benchmarks, the demo and users start it and drive it.
 * The emulator shares no code with the client in `provider/` (only these plain types), so the two cannot share a bug.
 */

/** A human-friendly description of one organization, as written in a YAML or JSON org file. */
export interface OrgSpec {
  /** 24-hex id; generated deterministically from the name when absent. */
  id?: string;
  name: string;
  users?: UserSpec[];
  groups?: GroupSpec[];
  applications?: ApplicationSpec[];
  admins?: AdminSpec[];
  /** Custom admin roles in addition to JumpCloud's eight built-in roles. */
  customRoles?: string[];
}

export interface UserSpec {
  email: string;
  /** Defaults to the local part of the email. */
  username?: string;
  firstname?: string;
  lastname?: string;
  department?: string;
  jobTitle?: string;
  /** Defaults to ACTIVATED. */
  state?: "ACTIVATED" | "STAGED" | "SUSPENDED";
  locked?: boolean;
}

export interface GroupSpec {
  name: string;
  description?: string;
  /** Defaults to STATIC. Manual member writes into DYNAMIC_AUTOMATED groups are rejected with 400. */
  membershipMethod?: "NOTSET" | "STATIC" | "DYNAMIC_REVIEW_REQUIRED" | "DYNAMIC_AUTOMATED";
  /** Member emails. */
  members?: string[];
}

export interface ApplicationSpec {
  /** Connector name, e.g. "slack". */
  name: string;
  /** Portal label; defaults to the name. */
  label?: string;
  active?: boolean;
  /** Group names assigned to the application. */
  groups?: string[];
  /** User emails assigned directly. */
  users?: string[];
}

export interface AdminSpec {
  email: string;
  firstname?: string;
  lastname?: string;
  /** Role names (built-in or custom, case-insensitive). More than one makes a "Multi Role" admin. */
  roles: string[];
  suspended?: boolean;
}

/** An org file: one org, or several for an MSP (multi-tenant) key that must send `x-org-id`. */
export type OrgFile = OrgSpec | { organizations: OrgSpec[] };

export interface SyntheticOrgOptions {
  users: number;
  groups: number;
  apps: number;
  admins: number;
  /** Average direct members per group. */
  membersPerGroup: number;
  /** How members are spread over groups: "uniform", or "zipf" (a few very large groups, many small ones). */
  distribution?: "uniform" | "zipf";
  /** Groups assigned to each application. */
  groupsPerApp?: number;
  /** Users assigned directly to each application. */
  usersPerApp?: number;
  seed?: number;
}

export interface FaultSettings {
  /** Added to every API request, in milliseconds. */
  latencyMs: number;
  /** Token-bucket rate limit in requests per second; 0 disables it. */
  rateLimitPerSecond: number;
  /** Bucket size; defaults to the rate. */
  rateLimitBurst: number;
  /** Whether a 429 carries a `Retry-After` header (seconds). */
  retryAfter: boolean;
  /** Fraction (0..1) of API requests answered with a 500, 502 or 503. */
  errorRate: number;
  /** Fraction (0..1) of API requests whose connection is reset without an answer. */
  resetRate: number;
  /** A graph write becomes visible to reads only after this many milliseconds. */
  visibilityDelayMs: number;
  /** Seed for the fault dice; the same seed and request sequence give the same faults. */
  seed: number;
  /**
   * Graph listings (`/members`, `/associations`, traversals) start at a different, seeded position on every request,
   * as the real service promises no order for them: paging them with `skip` can then repeat or miss items, which a
   * client must detect (cross-check the total, fail closed). An explicit `sort`, where accepted, still orders them.
   */
  unstableGraphOrder?: boolean;
}

export interface EmulatorOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0 (any free port). */
  port?: number;
  /** The API key clients must send; a fixed demo key by default. */
  apiKey?: string;
  /**
   * The admin role of the key's owner (keys carry their admin's role), case-insensitive; defaults to
   * "Administrator With Billing". "Billing Only" may call nothing, "Read Only" only reads, and only the two
   * Administrator roles may change admin roles; other built-in roles read and write graph edges. Refusals are 403.
   */
  keyRole?: string;
  /** The data: an org, several orgs, or a path to a YAML/JSON org file. */
  org?: OrgFile | string;
  /** Generate the data instead of loading it. */
  synthetic?: SyntheticOrgOptions;
  faults?: Partial<FaultSettings>;
  /** `limit` over 100: "reject" answers 400 (default), "clamp" silently serves 100. */
  overLimit?: "reject" | "clamp";
  /** Require `x-org-id` even with a single org (an MSP key). Several orgs always make an MSP emulator. */
  msp?: boolean;
  /** Milliseconds since the epoch; drives the rate limiter and the visibility delay. Defaults to Date.now. */
  clock?: () => number;
  /** How many of the newest request log entries to keep (counts are always exact). Defaults to 100,000. */
  requestLogLimit?: number;
  /** How the per-request latency waits; defaults to a timer. Tests inject it to observe latency without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** The route template, e.g. `GET /api/v2/usergroups/{id}/members`. */
  route: string;
  status: number;
  orgId: string | null;
}

/** A canonical, sorted view of one org: names and emails instead of ids, for equality checks. */
export interface OrgSnapshot {
  id: string;
  name: string;
  users: { email: string; username: string; state: string; locked: boolean }[];
  groups: { name: string; membershipMethod: string; members: string[] }[];
  applications: { name: string; label: string; active: boolean; groups: string[]; users: string[] }[];
  admins: { email: string; roles: string[]; suspended: boolean }[];
  customRoles: string[];
}

/** Changes made "as if an admin clicked in the console": no auth, no faults, visible at once, never logged. */
export interface OutOfBand {
  addGroupMember(group: string, userEmail: string, orgId?: string): void;
  removeGroupMember(group: string, userEmail: string, orgId?: string): void;
  assignApplication(application: string, target: { group: string } | { user: string }, orgId?: string): void;
  unassignApplication(application: string, target: { group: string } | { user: string }, orgId?: string): void;
  setAdminRoles(adminEmail: string, roles: string[], orgId?: string): void;
  setUserState(userEmail: string, state: "ACTIVATED" | "STAGED" | "SUSPENDED", orgId?: string): void;
}

export interface EmulatorHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 (the API is under /api, control under /__emulator). */
  url: string;
  apiKey: string;
  /** Org ids in file order; the first is the default for a non-MSP emulator. */
  orgIds: string[];
  stop(): Promise<void>;
  snapshot(orgId?: string): OrgSnapshot;
  requestLog(): RequestLogEntry[];
  /** Counts by route template and by status. */
  requestCounts(): { byRoute: Record<string, number>; byStatus: Record<string, number>; total: number };
  clearRequestLog(): void;
  setFaults(faults: Partial<FaultSettings>): void;
  /** The fault settings in force. */
  faults(): FaultSettings;
  /** Restore the data loaded at start and clear the request log. */
  reset(): void;
  outOfBand: OutOfBand;
}
