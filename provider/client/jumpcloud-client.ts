import { Agent } from "undici";
import type { z } from "zod";
import { clip, JumpCloudError, registerSecret } from "../errors";
import { checkApiKey } from "./api-key";
import { checkApiUrl } from "./api-url";
import { userAgent } from "../version";
import { type ClientOptions, DEFAULT_TUNING } from "./client-options";
import { systemClock } from "./clock";
import { type ListSpec, type PageObserver, paginate } from "./paginate";
import { type RequestContext, request } from "./request";
import { RequestLimiter } from "./request-limiter";
import { RetryPolicy } from "./retry-policy";
import {
  type JumpCloudAdmin,
  type JumpCloudApplication,
  type JumpCloudGraphConnection,
  type JumpCloudOrganization,
  type JumpCloudRole,
  type JumpCloudSystemUser,
  type JumpCloudUserGroup,
  jumpCloudAdmin,
  jumpCloudApplication,
  jumpCloudGraphConnection,
  jumpCloudOrganization,
  jumpCloudRole,
  jumpCloudSystemUser,
  jumpCloudUserGroup,
} from "./schemas";

export type ApplicationTarget = "user" | "user_group";

/** For reads that are part of a larger job: abort the signal to stop sending once the job has failed. */
export interface ReadOptions {
  signal?: AbortSignal | undefined;
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const USER_FIELDS = "_id username email firstname lastname displayname state suspended account_locked";

/**
 * A JumpCloud API client for one organization: its own connection pool, limiter and retry policy. Lists are always
 * complete or an error; writes report whether they changed anything.
 */
export class JumpCloudClient {
  readonly apiUrl: string;
  readonly orgId: string | undefined;
  private readonly ctx: RequestContext;
  private readonly agent: Agent;
  private readonly observers = new Set<PageObserver>();
  private readonly adminWrites = new Map<string, Promise<unknown>>();

  constructor(options: ClientOptions) {
    // The client checks for itself what resolveClientOptions() checks: it is public and may be built directly. The
    // refusal never quotes the key, and runs before registration so a tiny value cannot blank out its own message.
    checkApiKey(options.apiKey);
    registerSecret(options.apiKey);
    const url = checkApiUrl(options.apiUrl, options.allowNonJumpCloudHost === true);
    this.apiUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    this.orgId = options.orgId;
    const concurrency = options.concurrency ?? DEFAULT_TUNING.concurrency;
    const clock = options.clock ?? systemClock;
    this.agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
    const headers: Record<string, string> = { "x-api-key": options.apiKey, "user-agent": userAgent };
    if (options.orgId) headers["x-org-id"] = options.orgId;
    this.ctx = {
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ""),
      dispatcher: this.agent,
      headers,
      limiter: new RequestLimiter(concurrency, options.requestsPerSecond ?? DEFAULT_TUNING.requestsPerSecond, clock),
      retry: new RetryPolicy({
        maxAttempts: options.maxAttempts ?? DEFAULT_TUNING.maxAttempts,
        maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_TUNING.maxRetryWaitMs,
        ...(options.random ? { random: options.random } : {}),
      }),
      clock,
      timeoutMs: options.timeoutMs ?? DEFAULT_TUNING.timeoutMs,
      concurrency,
      maxListItems: options.maxListItems ?? DEFAULT_TUNING.maxListItems,
      counters: { requests: 0, retries: 0, pages: 0, requestMs: 0 },
      log: options.log,
    };
  }

  /**
   * Requests sent (attempts, retries included), retries, list pages read, and the time spent waiting for answers
   * summed over requests (divided by the wall time, it is the average number of requests in flight).
   */
  stats(): { requests: number; retries: number; pages: number; requestMs: number } {
    return { ...this.ctx.counters };
  }

  /** Follows list pages as they become known and are read (for progress displays). Returns an unsubscribe. */
  observePages(observer: PageObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  // --- collections -------------------------------------------------------------------------------------------

  /**
   * System users: the accounts people sign in with. Sorted by `_id` so `skip` paging is stable; `fields` (v1:
   * space-separated) asks only for what the graph uses, which keeps a 50,000-user answer small.
   */
  listUsers(options: ReadOptions = {}): Promise<JumpCloudSystemUser[]> {
    const query = { fields: USER_FIELDS };
    const idOf = (u: JumpCloudSystemUser) => u._id;
    return this.list(
      {
        label: "system users",
        path: "/api/systemusers",
        shape: "envelope",
        item: jumpCloudSystemUser,
        idOf,
        sort: "_id",
        query,
      },
      options,
    );
  }

  /** Administrator accounts (`/api/users`, undocumented but used by JumpCloud's own tooling). */
  listAdmins(options: ReadOptions = {}): Promise<JumpCloudAdmin[]> {
    const idOf = (a: JumpCloudAdmin) => a._id;
    return this.list(
      { label: "administrators", path: "/api/users", shape: "envelope", item: jumpCloudAdmin, idOf, sort: "_id" },
      options,
    );
  }

  /** The admin role catalogue. A v2 list that, unlike the others, answers with a `{totalCount, results}` envelope. */
  listRoles(options: ReadOptions = {}): Promise<JumpCloudRole[]> {
    const idOf = (r: JumpCloudRole) => r.id;
    return this.list(
      { label: "administrator roles", path: "/api/v2/roles", shape: "envelope", item: jumpCloudRole, idOf, sort: "id" },
      options,
    );
  }

  /** User groups: a bare array, the total in the `x-total-count` header (undocumented, relied on by JumpCloud). */
  listGroups(options: ReadOptions = {}): Promise<JumpCloudUserGroup[]> {
    const idOf = (g: JumpCloudUserGroup) => g.id;
    return this.list(
      { label: "user groups", path: "/api/v2/usergroups", shape: "array", item: jumpCloudUserGroup, idOf, sort: "id" },
      options,
    );
  }

  /** SSO applications. The v1 default order is by name, which shifts when one is renamed: sort by `_id`. */
  listApplications(options: ReadOptions = {}): Promise<JumpCloudApplication[]> {
    const idOf = (a: JumpCloudApplication) => a._id;
    return this.list(
      {
        label: "applications",
        path: "/api/applications",
        shape: "envelope",
        item: jumpCloudApplication,
        idOf,
        sort: "_id",
      },
      options,
    );
  }

  /** The organizations this key reaches: one, unless it belongs to a multi-tenant (MSP) administrator. */
  listOrganizations(options: ReadOptions = {}): Promise<JumpCloudOrganization[]> {
    const idOf = (o: JumpCloudOrganization) => o._id;
    return this.list(
      {
        label: "organizations",
        path: "/api/organizations",
        shape: "envelope",
        item: jumpCloudOrganization,
        idOf,
        sort: "_id",
      },
      options,
    );
  }

  // --- single objects (404 → not_found naming the object) -------------------------------------------------

  async getUser(id: string): Promise<JumpCloudSystemUser> {
    return this.getOne("system user", `/api/systemusers/${checkId(id, "system user")}`, jumpCloudSystemUser, id);
  }

  async getAdmin(id: string): Promise<JumpCloudAdmin> {
    return this.getOne("administrator", `/api/users/${checkId(id, "administrator")}`, jumpCloudAdmin, id);
  }

  async getGroup(id: string): Promise<JumpCloudUserGroup> {
    return this.getOne("user group", `/api/v2/usergroups/${checkId(id, "user group")}`, jumpCloudUserGroup, id);
  }

  async getApplication(id: string): Promise<JumpCloudApplication> {
    return this.getOne("application", `/api/applications/${checkId(id, "application")}`, jumpCloudApplication, id);
  }

  // --- graph edges -------------------------------------------------------------------------------------------

  /**
   * The users bound directly to a group: the complete list, or an error. User groups do not nest, so these are all
   * of the group's members. For a dynamic group these are the members its rule has bound so far.
   */
  async listGroupMembers(groupId: string, options: ReadOptions = {}): Promise<string[]> {
    const path = `/api/v2/usergroups/${checkId(groupId, "user group")}/members`;
    const edges = await this.listEdges(`members of user group ${groupId}`, path, {}, options);
    return edges.filter((e) => e.to.type === "user").map((e) => e.to.id);
  }

  /** The users or groups an application is assigned to directly (`targets` is required by the API). */
  async listApplicationAssociations(appId: string, targetType: ApplicationTarget): Promise<string[]> {
    const targets = await this.listApplicationTargets(appId, [targetType]);
    return targetType === "user" ? targets.userIds : targets.groupIds;
  }

  /**
   * Both kinds of direct assignment of an application in one listing: `targets` accepts a comma-separated list,
   * which halves the calls of a full sync.
   */
  async listApplicationTargets(
    appId: string,
    kinds: ApplicationTarget[] = ["user", "user_group"],
    options: ReadOptions = {},
  ): Promise<{ userIds: string[]; groupIds: string[] }> {
    const path = `/api/v2/applications/${checkId(appId, "application")}/associations`;
    const query = { targets: kinds.join(",") };
    const edges = await this.listEdges(`assignments of application ${appId}`, path, query, options);
    return {
      userIds: kinds.includes("user") ? edges.filter((e) => e.to.type === "user").map((e) => e.to.id) : [],
      groupIds: kinds.includes("user_group") ? edges.filter((e) => e.to.type === "user_group").map((e) => e.to.id) : [],
    };
  }

  /** 409 (JumpCloud's "Already Exists", undocumented) means the member was already there. */
  async addGroupMember(groupId: string, userId: string): Promise<"added" | "already_present"> {
    const path = `/api/v2/usergroups/${checkId(groupId, "user group")}/members`;
    const body = { op: "add", type: "user", id: checkId(userId, "system user") };
    return (await this.write(path, body, "conflict")) ? "added" : "already_present";
  }

  /**
   * 404 means "not a member" but also "no such group" (undocumented): callers confirm the group exists (getGroup)
   * before treating "absent" as success.
   */
  async removeGroupMember(groupId: string, userId: string): Promise<"removed" | "absent"> {
    const path = `/api/v2/usergroups/${checkId(groupId, "user group")}/members`;
    const body = { op: "remove", type: "user", id: checkId(userId, "system user") };
    return (await this.write(path, body, "not_found")) ? "removed" : "absent";
  }

  /** Duplicate assignments answer 409 as group members do (unverified upstream; treated the same way). */
  async assignApplication(
    appId: string,
    targetType: ApplicationTarget,
    targetId: string,
  ): Promise<"added" | "already_present"> {
    const path = `/api/v2/applications/${checkId(appId, "application")}/associations`;
    const body = { op: "add", type: checkTarget(targetType), id: checkId(targetId, targetLabel(targetType)) };
    return (await this.write(path, body, "conflict")) ? "added" : "already_present";
  }

  /** 404 means absent, or an unknown application: callers confirm the application exists first. */
  async unassignApplication(
    appId: string,
    targetType: ApplicationTarget,
    targetId: string,
  ): Promise<"removed" | "absent"> {
    const path = `/api/v2/applications/${checkId(appId, "application")}/associations`;
    const body = { op: "remove", type: checkTarget(targetType), id: checkId(targetId, targetLabel(targetType)) };
    return (await this.write(path, body, "not_found")) ? "removed" : "absent";
  }

  /**
   * Replaces an administrator's roles (`PUT /api/users/{id}` with `{roles}`). The role set is one field of one
   * object, so writes to the same admin are serialised: two role resources of one admin must not race.
   */
  async setAdminRoles(adminId: string, roleIds: string[]): Promise<JumpCloudAdmin> {
    const id = checkId(adminId, "administrator");
    if (roleIds.length === 0) {
      throw new JumpCloudError("invalid_input", `Administrator ${id} cannot be left without a role.`, {
        hint: "Give the administrator at least one role, or remove the administrator account in JumpCloud.",
      });
    }
    const roles = roleIds.map((r) => checkId(r, "role"));
    const previous = this.adminWrites.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() =>
        request(this.ctx, { method: "PUT", path: `/api/users/${id}`, body: { roles }, schema: jumpCloudAdmin }),
      )
      .then((res) => res.data);
    this.adminWrites.set(id, next);
    const cleanup = () => {
      if (this.adminWrites.get(id) === next) this.adminWrites.delete(id);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private list<T>(spec: ListSpec<T>, options: ReadOptions): Promise<T[]> {
    return paginate(this.ctx, { ...spec, signal: options.signal }, this.pageObserver());
  }

  private listEdges(
    label: string,
    path: string,
    query: Record<string, string>,
    options: ReadOptions,
  ): Promise<JumpCloudGraphConnection[]> {
    const idOf = (e: JumpCloudGraphConnection) => `${e.to.type}/${e.to.id}`;
    const spec = {
      label,
      path,
      shape: "array" as const,
      query,
      item: jumpCloudGraphConnection,
      idOf,
      signal: options.signal,
    };
    return paginate(this.ctx, spec, this.pageObserver());
  }

  private pageObserver(): PageObserver | undefined {
    if (this.observers.size === 0) return undefined;
    return {
      pagesKnown: (count) => {
        for (const o of this.observers) o.pagesKnown(count);
      },
      pageDone: () => {
        for (const o of this.observers) o.pageDone();
      },
    };
  }

  private async getOne<T>(what: string, path: string, schema: z.ZodType<T>, id: string): Promise<T> {
    try {
      return (await request(this.ctx, { method: "GET", path, schema })).data;
    } catch (error) {
      if (error instanceof JumpCloudError && error.code === "not_found") {
        throw new JumpCloudError("not_found", `No ${what} with id ${id} exists in JumpCloud.`, {
          method: "GET",
          path,
          status: 404,
          hint: `It may have been deleted: check the id, or remove the reference to this ${what}.`,
        });
      }
      throw error;
    }
  }

  /** Sends a graph write (answered 204); returns false when JumpCloud answered `tolerated` (nothing to change). */
  private async write(path: string, body: unknown, tolerated: "conflict" | "not_found"): Promise<boolean> {
    try {
      await request(this.ctx, { method: "POST", path, body });
      return true;
    } catch (error) {
      if (error instanceof JumpCloudError && error.code === tolerated) return false;
      throw error;
    }
  }
}

function checkId(value: string, what: string): string {
  if (typeof value === "string" && OBJECT_ID.test(value)) return value;
  throw new JumpCloudError("invalid_input", `"${clip(String(value), 60)}" is not a JumpCloud ${what} id.`, {
    hint: "JumpCloud ids are 24 hexadecimal characters; look the id up in the console URL or with the sync command.",
  });
}

function checkTarget(targetType: ApplicationTarget): ApplicationTarget {
  if (targetType === "user" || targetType === "user_group") return targetType;
  throw new JumpCloudError("invalid_input", `"${String(targetType)}" is not an application target type.`, {
    hint: 'Use "user" or "user_group".',
  });
}

const targetLabel = (targetType: ApplicationTarget): string => (targetType === "user" ? "system user" : "user group");
