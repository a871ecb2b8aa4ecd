import { ApiError } from "./api-error";
import { isObjectId } from "./ids";
import type { EdgeKind, OrgStore } from "./org-store";
import {
  type Family,
  matchesFilters,
  parseFields,
  parseFilters,
  parsePaging,
  parseSort,
  project,
  type SortKey,
  sortObjects,
} from "./query";
import { connection, type JumpCloudObject, renderAdmin, renderRole, withPaths } from "./render";
import { jsonArrayBytes, viewsOf } from "./views";

export interface ApiRequest {
  org: OrgStore;
  /** Every org the key reaches (one unless MSP). */
  orgs: readonly OrgStore[];
  params: string[];
  query: URLSearchParams;
  body: unknown;
  now: number;
  visibilityDelayMs: number;
  overLimit: "reject" | "clamp";
  /** Set when graph listings are unstable: where (0..1 of the list) this request's listing starts. */
  graphOrderDie: number | null;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PUT";
  /** e.g. `/api/v2/usergroups/{id}/members`. */
  template: string;
  /** Whether the route needs an org (every route but the organization list). */
  orgScoped: boolean;
  handle(request: ApiRequest): ApiResponse;
}

/**
 * A v1 envelope, assembled from each object's cached JSON bytes (full, or the last `fields` projection): serialising
 * 100 user objects per page is most of the cost of a 50,000-user listing, and the cached objects do not change.
 */
function v1List(request: ApiRequest, items: JumpCloudObject[], filtered = true): ApiResponse {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v1", request.query.get("fields"));
  const filters = filtered ? parseFilters("v1", request.query.getAll("filter")) : [];
  const selected = filters.length ? items.filter((item) => matchesFilters(item, filters)) : items;
  const page = selected.slice(skip, skip + limit);
  const prefix = `{"totalCount":${selected.length},"results":[`;
  return { status: 200, body: jsonArrayBytes(prefix, page, "]}", fields, "_id") };
}

/** A graph listing rotated to start at a seeded position, when graph order is set to be unstable. */
function graphOrder<T>(request: ApiRequest, items: T[]): T[] {
  if (request.graphOrderDie === null || items.length < 2) return items;
  const start = Math.floor(request.graphOrderDie * items.length);
  return [...items.slice(start), ...items.slice(0, start)];
}

/** A v2 array page of `total` items, materialising only the page (a group can hold tens of thousands of members). */
function v2Slice(request: ApiRequest, total: number, slice: (skip: number, limit: number) => JumpCloudObject[]) {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v2", request.query.get("fields"));
  const page = slice(skip, limit).map((item) => project(item, fields, "id"));
  return { status: 200, body: page, headers: { "x-total-count": String(total) } };
}

/** Up to `limit` elements of a set after skipping `skip`, in iteration order, without copying the set. */
function setSlice(set: Set<number>, skip: number, limit: number): number[] {
  const out: number[] = [];
  if (skip >= set.size) return out;
  let i = 0;
  for (const value of set) {
    if (i++ < skip) continue;
    out.push(value);
    if (out.length === limit) break;
  }
  return out;
}

function v2Array(
  request: ApiRequest,
  items: JumpCloudObject[],
  options: { filter?: boolean; sort?: boolean; cached?: boolean; graph?: boolean } = {},
) {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v2", request.query.get("fields"));
  const filters = options.filter ? parseFilters("v2", request.query.getAll("filter")) : [];
  let selected = filters.length ? items.filter((item) => matchesFilters(item, filters)) : items;
  if (options.graph) selected = graphOrder(request, selected);
  if (options.sort) selected = sortObjects(selected, parseSort("v2", request.query.get("sort")));
  const page = selected.slice(skip, skip + limit);
  const headers = { "x-total-count": String(selected.length) };
  if (options.cached) return { status: 200, body: jsonArrayBytes("[", page, "]", fields, "id"), headers };
  return { status: 200, body: page.map((item) => project(item, fields, "id")), headers };
}

function sortKeys(family: Family, request: ApiRequest, fallback: SortKey[] = []): SortKey[] {
  const keys = parseSort(family, request.query.get("sort"));
  return keys.length ? keys : fallback;
}

/** Looks an id up; a malformed id is a 400 and an unknown one a 404, as JumpCloud answers. */
function lookup(map: Map<string, number>, raw: string | undefined, what: string): number {
  if (!isObjectId(raw)) throw new ApiError(400, `invalid ${what} id "${raw ?? ""}": expected a 24-character hex id`);
  const index = map.get(raw.toLowerCase());
  if (index === undefined) throw new ApiError(404, `${what} ${raw} not found`);
  return index;
}

interface GraphOp {
  op: "add" | "remove" | "update";
  type: string;
  id: string;
}

function parseGraphOp(body: unknown, types: readonly string[]): GraphOp {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'request body must be a JSON object like {"op": "add", "type": "user", "id": "<24-hex id>"}',
    );
  }
  const { op, type, id } = body as Record<string, unknown>;
  if (op !== "add" && op !== "remove" && op !== "update") {
    throw new ApiError(400, `invalid op ${JSON.stringify(op)}: expected "add", "remove" or "update"`);
  }
  if (typeof type !== "string" || !types.includes(type)) {
    throw new ApiError(400, `invalid type ${JSON.stringify(type)}: expected one of ${types.join(", ")}`);
  }
  if (!isObjectId(id)) throw new ApiError(400, `invalid id ${JSON.stringify(id)}: expected a 24-character hex id`);
  return { op, type, id: id.toLowerCase() };
}

/** One graph edge write: 204 with an empty body; 409 "Already Exists" on a duplicate add; 404 on an absent edge. */
function graphWrite(request: ApiRequest, kind: EdgeKind, parent: number, child: number, op: GraphOp): ApiResponse {
  const { org } = request;
  const exists = org.hasEdge(kind, parent, child);
  const edge = `${op.type} ${op.id}`;
  if (op.op === "add") {
    if (exists) throw new ApiError(409, `Already Exists: ${edge} is already associated`);
    org.write(kind, parent, child, true, request.now, request.now + request.visibilityDelayMs);
  } else if (op.op === "remove") {
    if (!exists) throw new ApiError(404, `${edge} is not associated: nothing to remove`);
    org.write(kind, parent, child, false, request.now, request.now + request.visibilityDelayMs);
  } else if (!exists) {
    throw new ApiError(404, `${edge} is not associated: nothing to update`);
  }
  return { status: 204 };
}

function targetsOf(request: ApiRequest, allowed: readonly string[]): string[] {
  const raw = request.query.get("targets");
  if (!raw) throw new ApiError(400, `targets is required: one or more of ${allowed.join(", ")}`);
  const targets = raw.split(",").map((t) => t.trim());
  for (const target of targets) {
    if (!allowed.includes(target)) {
      throw new ApiError(400, `invalid targets value "${target}": expected one of ${allowed.join(", ")}`);
    }
  }
  return targets;
}

function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

function roleIndexes(org: OrgStore, body: Record<string, unknown>): number[] | null {
  const { roleName, roles } = body;
  if (roleName !== undefined && roles !== undefined) {
    throw new ApiError(400, "send either roleName or roles, not both");
  }
  if (roleName !== undefined) {
    if (typeof roleName !== "string") throw new ApiError(400, "roleName must be a string");
    const index = org.roleByName.get(roleName.toLowerCase());
    if (index === undefined) throw new ApiError(400, `unknown roleName "${roleName}"`);
    return [index];
  }
  if (roles !== undefined) {
    if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => typeof r !== "string")) {
      throw new ApiError(400, "roles must be a non-empty array of role ids");
    }
    const out: number[] = [];
    for (const role of roles as string[]) {
      const index = isObjectId(role) ? org.roleById.get(role.toLowerCase()) : undefined;
      if (index === undefined) throw new ApiError(400, `unknown role id "${role}" in roles`);
      if (!out.includes(index)) out.push(index);
    }
    return out;
  }
  return null;
}

type SearchFilter = unknown;

function matchesValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== "object" || expected === null) return actual === expected;
  const ops = expected as Record<string, unknown>;
  for (const [op, value] of Object.entries(ops)) {
    if (op === "$eq" && actual !== value) return false;
    if (op === "$ne" && actual === value) return false;
    if (op === "$in" && !(Array.isArray(value) && value.includes(actual))) return false;
    if (op === "$regex" && !(typeof actual === "string" && new RegExp(String(value), "i").test(actual))) return false;
    if (op === "$exists" && (actual !== undefined) !== Boolean(value)) return false;
    if (!["$eq", "$ne", "$in", "$regex", "$exists"].includes(op)) {
      throw new ApiError(400, `unsupported search operator "${op}"`);
    }
  }
  return true;
}

/** The search body's `filter`: `{and: [...]}`, `{or: [...]}`, an array (all must hold) or `{field: value | {$op}}`. */
function matchesSearch(object: JumpCloudObject, filter: SearchFilter): boolean {
  if (filter === undefined || filter === null) return true;
  if (Array.isArray(filter)) return filter.every((f) => matchesSearch(object, f));
  if (typeof filter !== "object") throw new ApiError(400, "search filter must be an object or an array");
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (key === "and" || key === "$and") {
      if (!Array.isArray(value)) throw new ApiError(400, `search filter "${key}" must be an array`);
      if (!value.every((f) => matchesSearch(object, f))) return false;
    } else if (key === "or" || key === "$or") {
      if (!Array.isArray(value)) throw new ApiError(400, `search filter "${key}" must be an array`);
      if (!value.some((f) => matchesSearch(object, f))) return false;
    } else if (!matchesValue(object[key], value)) {
      return false;
    }
  }
  return true;
}

function searchTermMatcher(searchFilter: unknown): ((object: JumpCloudObject) => boolean) | null {
  if (searchFilter === undefined || searchFilter === null) return null;
  if (typeof searchFilter !== "object") throw new ApiError(400, "searchFilter must be an object");
  const { searchTerm, fields } = searchFilter as Record<string, unknown>;
  if (typeof searchTerm !== "string") throw new ApiError(400, "searchFilter.searchTerm must be a string");
  const names = Array.isArray(fields) ? fields.map(String) : ["email", "username", "firstname", "lastname"];
  const term = searchTerm.toLowerCase();
  return (object) =>
    names.some((name) =>
      String(object[name] ?? "")
        .toLowerCase()
        .includes(term),
    );
}

function searchSystemUsers(request: ApiRequest): ApiResponse {
  const body = request.body === undefined ? {} : requireObjectBody(request.body);
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const rawFields = typeof body.fields === "string" ? body.fields : request.query.get("fields");
  const fields = parseFields("v1", rawFields);
  const queryFilters = parseFilters("v1", request.query.getAll("filter"));
  const term = searchTermMatcher(body.searchFilter);
  const selected = viewsOf(request.org)
    .users.items([])
    .filter(
      (u) =>
        matchesSearch(u, body.filter) &&
        (!term || term(u)) &&
        (!queryFilters.length || matchesFilters(u, queryFilters)),
    );
  const results = selected.slice(skip, skip + limit).map((u) => project(u, fields, "_id"));
  return { status: 200, body: { totalCount: selected.length, results } };
}

function pathsOf(segments: [string, string][]): JumpCloudObject[] {
  return segments.map(([id, type]) => connection(id, type));
}

/** Everyone with access to an application: direct users (a one-edge path) and group members (group edge, user edge). */
function applicationUsers(org: OrgStore, appIndex: number): JumpCloudObject[] {
  const app = org.applications[appIndex]!;
  const paths = new Map<number, JumpCloudObject[][]>();
  const add = (user: number, path: JumpCloudObject[]) => {
    const list = paths.get(user);
    if (list) list.push(path);
    else paths.set(user, [path]);
  };
  for (const user of app.users) add(user, pathsOf([[org.users[user]!.id, "user"]]));
  for (const groupIndex of app.groups) {
    const group = org.groups[groupIndex]!;
    for (const user of group.members) {
      add(
        user,
        pathsOf([
          [group.id, "user_group"],
          [org.users[user]!.id, "user"],
        ]),
      );
    }
  }
  return [...paths].map(([user, list]) => withPaths(org.users[user]!.id, "user", list));
}

export const API_ROUTES: ApiRoute[] = [
  {
    method: "GET",
    template: "/api/organizations",
    orgScoped: false,
    handle: (r) =>
      v1List(
        r,
        r.orgs.map((o) => ({ _id: o.id, displayName: o.name, logoUrl: null })),
      ),
  },
  {
    method: "GET",
    template: "/api/systemusers",
    orgScoped: true,
    handle: (r) => v1List(r, viewsOf(r.org).users.items(sortKeys("v1", r))),
  },
  {
    method: "GET",
    template: "/api/systemusers/{id}",
    orgScoped: true,
    handle: (r) => {
      const index = lookup(r.org.userById, r.params[0], "system user");
      const user = viewsOf(r.org).users.items([])[index]!;
      return { status: 200, body: project(user, parseFields("v1", r.query.get("fields")), "_id") };
    },
  },
  { method: "POST", template: "/api/search/systemusers", orgScoped: true, handle: searchSystemUsers },
  {
    method: "GET",
    template: "/api/users",
    orgScoped: true,
    handle: (r) => v1List(r, viewsOf(r.org).admins.items(sortKeys("v1", r))),
  },
  {
    method: "GET",
    template: "/api/users/{id}",
    orgScoped: true,
    handle: (r) => {
      const index = lookup(r.org.adminById, r.params[0], "admin user");
      return { status: 200, body: viewsOf(r.org).admins.items([])[index] };
    },
  },
  {
    method: "PUT",
    template: "/api/users/{id}",
    orgScoped: true,
    handle: (r) => {
      const index = lookup(r.org.adminById, r.params[0], "admin user");
      const body = requireObjectBody(r.body);
      const roles = roleIndexes(r.org, body);
      const admin = r.org.admins[index]!;
      for (const key of ["firstname", "lastname"] as const) {
        const value = body[key];
        if (value === undefined) continue;
        if (typeof value !== "string") throw new ApiError(400, `${key} must be a string`);
        admin[key] = value;
      }
      if (roles) r.org.setAdminRoles(index, roles);
      else r.org.adminsVersion++;
      return { status: 200, body: renderAdmin(r.org, admin) };
    },
  },
  {
    method: "GET",
    template: "/api/applications",
    orgScoped: true,
    handle: (r) =>
      v1List(r, viewsOf(r.org).applications.items(sortKeys("v1", r, [{ field: "name", descending: false }]))),
  },
  {
    method: "GET",
    template: "/api/applications/{id}",
    orgScoped: true,
    handle: (r) => {
      const index = lookup(r.org.applicationById, r.params[0], "application");
      return { status: 200, body: viewsOf(r.org).applications.items([])[index] };
    },
  },
  {
    method: "GET",
    template: "/api/v2/usergroups",
    orgScoped: true,
    handle: (r) => v2Array(r, viewsOf(r.org).groups.items(sortKeys("v2", r)), { filter: true, cached: true }),
  },
  {
    method: "GET",
    template: "/api/v2/usergroups/{id}",
    orgScoped: true,
    handle: (r) => {
      const index = lookup(r.org.groupById, r.params[0], "user group");
      return { status: 200, body: viewsOf(r.org).groups.items([])[index] };
    },
  },
  {
    method: "GET",
    template: "/api/v2/usergroups/{id}/members",
    orgScoped: true,
    handle: (r) => {
      const group = r.org.groups[lookup(r.org.groupById, r.params[0], "user group")]!;
      const users = r.org.users;
      const page = (skip: number, limit: number) =>
        r.graphOrderDie === null
          ? setSlice(group.members, skip, limit)
          : graphOrder(r, [...group.members]).slice(skip, skip + limit);
      return v2Slice(r, group.members.size, (skip, limit) =>
        page(skip, limit).map((u) => connection(users[u]!.id, "user")),
      );
    },
  },
  {
    method: "POST",
    template: "/api/v2/usergroups/{id}/members",
    orgScoped: true,
    handle: (r) => {
      const groupIndex = lookup(r.org.groupById, r.params[0], "user group");
      const op = parseGraphOp(r.body, ["user"]);
      const group = r.org.groups[groupIndex]!;
      if (group.membershipMethod === "DYNAMIC_AUTOMATED") {
        throw new ApiError(
          400,
          `user group "${group.name}" is a dynamic group (membershipMethod DYNAMIC_AUTOMATED): its members are managed by its rules and cannot be changed manually`,
        );
      }
      const user = lookup(r.org.userById, op.id, "user");
      return graphWrite(r, "member", groupIndex, user, op);
    },
  },
  {
    method: "GET",
    template: "/api/v2/usergroups/{id}/membership",
    orgScoped: true,
    handle: (r) => {
      const group = r.org.groups[lookup(r.org.groupById, r.params[0], "user group")]!;
      const users = r.org.users;
      const items = [...group.members].map((u) => withPaths(users[u]!.id, "user", [pathsOf([[users[u]!.id, "user"]])]));
      return v2Array(r, items, { filter: true, sort: true, graph: true });
    },
  },
  {
    method: "GET",
    template: "/api/v2/users/{id}/memberof",
    orgScoped: true,
    handle: (r) => {
      const user = lookup(r.org.userById, r.params[0], "user");
      const items: JumpCloudObject[] = [];
      for (const group of r.org.groups) {
        if (group.members.has(user))
          items.push(withPaths(group.id, "user_group", [pathsOf([[group.id, "user_group"]])]));
      }
      return v2Array(r, items, { filter: true, sort: true, graph: true });
    },
  },
  {
    method: "GET",
    template: "/api/v2/usergroups/{id}/associations",
    orgScoped: true,
    handle: (r) => {
      const groupIndex = lookup(r.org.groupById, r.params[0], "user group");
      targetsOf(r, ["application"]);
      const items: JumpCloudObject[] = [];
      for (const app of r.org.applications) {
        if (app.groups.has(groupIndex)) items.push(connection(app.id, "application"));
      }
      return v2Array(r, items, { graph: true });
    },
  },
  {
    method: "POST",
    template: "/api/v2/usergroups/{id}/associations",
    orgScoped: true,
    handle: (r) => {
      const groupIndex = lookup(r.org.groupById, r.params[0], "user group");
      const op = parseGraphOp(r.body, ["application"]);
      const app = lookup(r.org.applicationById, op.id, "application");
      return graphWrite(r, "app-group", app, groupIndex, op);
    },
  },
  {
    method: "GET",
    template: "/api/v2/applications/{id}/associations",
    orgScoped: true,
    handle: (r) => {
      const app = r.org.applications[lookup(r.org.applicationById, r.params[0], "application")]!;
      const targets = targetsOf(r, ["user", "user_group"]);
      const items: JumpCloudObject[] = [];
      if (targets.includes("user_group"))
        for (const g of app.groups) items.push(connection(r.org.groups[g]!.id, "user_group"));
      if (targets.includes("user")) for (const u of app.users) items.push(connection(r.org.users[u]!.id, "user"));
      return v2Array(r, items, { graph: true });
    },
  },
  {
    method: "POST",
    template: "/api/v2/applications/{id}/associations",
    orgScoped: true,
    handle: (r) => {
      const app = lookup(r.org.applicationById, r.params[0], "application");
      const op = parseGraphOp(r.body, ["user", "user_group"]);
      if (op.type === "user") return graphWrite(r, "app-user", app, lookup(r.org.userById, op.id, "user"), op);
      return graphWrite(r, "app-group", app, lookup(r.org.groupById, op.id, "user group"), op);
    },
  },
  {
    method: "GET",
    template: "/api/v2/applications/{id}/users",
    orgScoped: true,
    handle: (r) =>
      v2Array(r, applicationUsers(r.org, lookup(r.org.applicationById, r.params[0], "application")), {
        filter: true,
        graph: true,
      }),
  },
  {
    method: "GET",
    template: "/api/v2/applications/{id}/usergroups",
    orgScoped: true,
    handle: (r) => {
      const app = r.org.applications[lookup(r.org.applicationById, r.params[0], "application")]!;
      const items = [...app.groups].map((g) => {
        const id = r.org.groups[g]!.id;
        return withPaths(id, "user_group", [pathsOf([[id, "user_group"]])]);
      });
      return v2Array(r, items, { filter: true, graph: true });
    },
  },
  {
    method: "GET",
    template: "/api/v2/roles",
    orgScoped: true,
    handle: (r) => {
      const { limit, skip } = parsePaging(r.query, r.overLimit);
      const filters = parseFilters("v2", r.query.getAll("filter"));
      const all = sortObjects(
        r.org.roles.map((role) => renderRole(r.org, role)),
        parseSort("v2", r.query.get("sort")),
      ).filter((role) => matchesFilters(role, filters));
      return { status: 200, body: { totalCount: all.length, results: all.slice(skip, skip + limit) } };
    },
  },
  {
    method: "GET",
    template: "/api/v2/directories",
    orgScoped: true,
    handle: (r) =>
      v2Array(r, [{ id: r.org.directoryId, name: "JumpCloud LDAP", type: "ldap_server", organizationId: r.org.id }], {
        filter: true,
        sort: true,
      }),
  },
];
