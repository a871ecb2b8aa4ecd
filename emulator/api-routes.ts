import { requireObjectBody, roleIndexes } from "./admin-update";
import { ApiError } from "./api-error";
import type { ApiRoute } from "./api-types";
import { graphWrite, parseGraphOp, targetsOf } from "./graph-write";
import { lookup, setSlice, sortKeys, v1List, v2Array, v2Slice, graphOrder } from "./listing";
import { matchesFilters, parseFields, parseFilters, parsePaging, parseSort, project, sortObjects } from "./query";
import { connection, type JumpCloudObject, renderAdmin, renderRole, withPaths } from "./render";
import { searchSystemUsers } from "./search";
import { applicationUsers, pathsOf } from "./traversal";
import { viewsOf } from "./views";

export type { ApiRequest, ApiResponse, ApiRoute } from "./api-types";

/** Every API operation the emulator serves, by method and path template (JumpCloud's v1 and v2 families). */
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
