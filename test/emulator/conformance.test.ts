import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../emulator";
import { client } from "./fixtures";
import { type Family, OpenApiValidator } from "./openapi-validator";

const DEMO = join(__dirname, "..", "..", "emulator", "orgs", "demo.yaml");
const ABSENT = "0123456789abcdef01234567";

interface Case {
  name: string;
  method: "GET" | "POST" | "PUT";
  /** The emulator's route template, as the request log names it. */
  template: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
}

/**
 * Drives every implemented operation, success and error cases, and checks each answer against JumpCloud's OpenAPI
 * documents. Where the spec does not document a status (e.g. 409 on a graph write) or an operation (`GET /api/users`),
 * the body is checked against the spec's own schema for that shape, and the gap is listed in emulator/README.md.
 */
describe("conformance with JumpCloud's OpenAPI documents", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof client>;
  let validator: OpenApiValidator;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    validator = new OpenApiValidator();
    emulator = await startEmulator({ org: DEMO });
    api = client(emulator.url, emulator.apiKey);
    const users = (await api("GET", "/api/systemusers?limit=100")).json.results as { _id: string; email: string }[];
    for (const u of users) ids[u.email.split("@")[0]!] = u._id;
    const groups = (await api("GET", "/api/v2/usergroups?limit=100")).json as { id: string; name: string }[];
    for (const g of groups) ids[g.name] = g.id;
    const apps = (await api("GET", "/api/applications?limit=100")).json.results as { _id: string; name: string }[];
    for (const a of apps) ids[a.name] = a._id;
    const admins = (await api("GET", "/api/users?limit=100")).json.results as { _id: string; email: string }[];
    for (const a of admins) ids[`admin:${a.email.split("@")[0]}`] = a._id;
    const roles = (await api("GET", "/api/v2/roles?limit=100")).json.results as { id: string; name: string }[];
    for (const r of roles) ids[`role:${r.name}`] = r.id;
  });
  afterAll(() => emulator.stop());

  const family = (template: string): Family => (template.startsWith("/api/v2/") ? "v2" : "v1");

  function cases(): Case[] {
    const g = (name: string) => ids[name]!;
    const member = (op: string, user: string) => ({ op, type: "user", id: g(user) });
    return [
      {
        name: "list system users",
        method: "GET",
        template: "/api/systemusers",
        path: "/api/systemusers?limit=100&sort=-_id",
        status: 200,
      },
      {
        name: "list system users with fields and filter",
        method: "GET",
        template: "/api/systemusers",
        path: "/api/systemusers?fields=email%20state&filter=state:$in:SUSPENDED|STAGED",
        status: 200,
      },
      {
        name: "list system users, limit over 100",
        method: "GET",
        template: "/api/systemusers",
        path: "/api/systemusers?limit=101",
        status: 400,
      },
      {
        name: "list system users, v2 filter syntax",
        method: "GET",
        template: "/api/systemusers",
        path: "/api/systemusers?filter=email:eq:x",
        status: 400,
      },
      {
        name: "list system users, wrong key",
        method: "GET",
        template: "/api/systemusers",
        path: "/api/systemusers",
        headers: { "x-api-key": "jca_wrong" },
        status: 401,
      },
      {
        name: "get a system user",
        method: "GET",
        template: "/api/systemusers/{id}",
        path: `/api/systemusers/${g("alice")}`,
        status: 200,
      },
      {
        name: "get an unknown system user",
        method: "GET",
        template: "/api/systemusers/{id}",
        path: `/api/systemusers/${ABSENT}`,
        status: 404,
      },
      {
        name: "get a system user by a malformed id",
        method: "GET",
        template: "/api/systemusers/{id}",
        path: "/api/systemusers/alice",
        status: 400,
      },
      {
        name: "search system users",
        method: "POST",
        template: "/api/search/systemusers",
        path: "/api/search/systemusers?limit=100",
        body: {
          filter: { or: [{ email: "alice@acme.example" }, { department: "Finance" }] },
          fields: "email department",
        },
        status: 200,
      },
      {
        name: "search system users by term",
        method: "POST",
        template: "/api/search/systemusers",
        path: "/api/search/systemusers",
        body: { searchFilter: { searchTerm: "ACME", fields: ["email"] } },
        status: 200,
      },
      {
        name: "search with a malformed body",
        method: "POST",
        template: "/api/search/systemusers",
        path: "/api/search/systemusers",
        body: "{not json",
        status: 400,
      },
      { name: "list admins", method: "GET", template: "/api/users", path: "/api/users?limit=100", status: 200 },
      {
        name: "get an admin",
        method: "GET",
        template: "/api/users/{id}",
        path: `/api/users/${g("admin:bob")}`,
        status: 200,
      },
      {
        name: "get an unknown admin",
        method: "GET",
        template: "/api/users/{id}",
        path: `/api/users/${ABSENT}`,
        status: 404,
      },
      {
        name: "change an admin's role by name",
        method: "PUT",
        template: "/api/users/{id}",
        path: `/api/users/${g("admin:alice")}`,
        body: { roleName: "read only" },
        status: 200,
      },
      {
        name: "change an admin's roles by ids",
        method: "PUT",
        template: "/api/users/{id}",
        path: `/api/users/${g("admin:alice")}`,
        body: { roles: [g("role:Administrator"), g("role:Access Reviewer")] },
        status: 200,
      },
      {
        name: "change an admin's role to an unknown role",
        method: "PUT",
        template: "/api/users/{id}",
        path: `/api/users/${g("admin:alice")}`,
        body: { roleName: "Overlord" },
        status: 400,
      },
      {
        name: "change an unknown admin's role",
        method: "PUT",
        template: "/api/users/{id}",
        path: `/api/users/${ABSENT}`,
        body: { roleName: "Manager" },
        status: 404,
      },
      {
        name: "list applications",
        method: "GET",
        template: "/api/applications",
        path: "/api/applications?limit=100",
        status: 200,
      },
      {
        name: "get an application",
        method: "GET",
        template: "/api/applications/{id}",
        path: `/api/applications/${g("slack")}`,
        status: 200,
      },
      {
        name: "get an unknown application",
        method: "GET",
        template: "/api/applications/{id}",
        path: `/api/applications/${ABSENT}`,
        status: 404,
      },
      {
        name: "list organizations",
        method: "GET",
        template: "/api/organizations",
        path: "/api/organizations",
        status: 200,
      },
      {
        name: "list user groups",
        method: "GET",
        template: "/api/v2/usergroups",
        path: "/api/v2/usergroups?limit=100&sort=-name",
        status: 200,
      },
      {
        name: "list user groups with fields and filter",
        method: "GET",
        template: "/api/v2/usergroups",
        path: "/api/v2/usergroups?fields=name,membershipMethod&filter=name:in:sales|finance",
        status: 200,
      },
      {
        name: "list user groups, v1 filter syntax",
        method: "GET",
        template: "/api/v2/usergroups",
        path: "/api/v2/usergroups?filter=name:$eq:sales",
        status: 400,
      },
      {
        name: "get a user group",
        method: "GET",
        template: "/api/v2/usergroups/{id}",
        path: `/api/v2/usergroups/${g("engineering")}`,
        status: 200,
      },
      {
        name: "get an unknown user group",
        method: "GET",
        template: "/api/v2/usergroups/{id}",
        path: `/api/v2/usergroups/${ABSENT}`,
        status: 404,
      },
      {
        name: "list group members",
        method: "GET",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("engineering")}/members?limit=100`,
        status: 200,
      },
      {
        name: "list members of an unknown group",
        method: "GET",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${ABSENT}/members`,
        status: 404,
      },
      {
        name: "add a member",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: member("add", "erin"),
        status: 204,
      },
      {
        name: "add an existing member",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: member("add", "erin"),
        status: 409,
      },
      {
        name: "remove a member",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: member("remove", "erin"),
        status: 204,
      },
      {
        name: "remove a non-member",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: member("remove", "erin"),
        status: 404,
      },
      {
        name: "add an unknown user",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: { op: "add", type: "user", id: ABSENT },
        status: 404,
      },
      {
        name: "add to an unknown group",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${ABSENT}/members`,
        body: member("add", "erin"),
        status: 404,
      },
      {
        name: "add with a malformed body",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("finance")}/members`,
        body: { op: "insert", type: "user", id: "x" },
        status: 400,
      },
      {
        name: "add into a dynamic group",
        method: "POST",
        template: "/api/v2/usergroups/{id}/members",
        path: `/api/v2/usergroups/${g("all-staff")}/members`,
        body: member("add", "ivan"),
        status: 400,
      },
      {
        name: "list a group's membership",
        method: "GET",
        template: "/api/v2/usergroups/{id}/membership",
        path: `/api/v2/usergroups/${g("engineering")}/membership`,
        status: 200,
      },
      {
        name: "list a user's groups",
        method: "GET",
        template: "/api/v2/users/{id}/memberof",
        path: `/api/v2/users/${g("carol")}/memberof?limit=100`,
        status: 200,
      },
      {
        name: "list a group's applications",
        method: "GET",
        template: "/api/v2/usergroups/{id}/associations",
        path: `/api/v2/usergroups/${g("platform-oncall")}/associations?targets=application`,
        status: 200,
      },
      {
        name: "assign an application from the group side",
        method: "POST",
        template: "/api/v2/usergroups/{id}/associations",
        path: `/api/v2/usergroups/${g("finance")}/associations`,
        body: { op: "add", type: "application", id: g("zoom") },
        status: 204,
      },
      {
        name: "assign it again from the group side",
        method: "POST",
        template: "/api/v2/usergroups/{id}/associations",
        path: `/api/v2/usergroups/${g("finance")}/associations`,
        body: { op: "add", type: "application", id: g("zoom") },
        status: 409,
      },
      {
        name: "assign an unknown application from the group side",
        method: "POST",
        template: "/api/v2/usergroups/{id}/associations",
        path: `/api/v2/usergroups/${g("finance")}/associations`,
        body: { op: "add", type: "application", id: ABSENT },
        status: 404,
      },
      {
        name: "list an application's group associations",
        method: "GET",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("zoom")}/associations?targets=user_group`,
        status: 200,
      },
      {
        name: "list an application's user and group associations",
        method: "GET",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations?targets=user,user_group&limit=100`,
        status: 200,
      },
      {
        name: "list associations without targets",
        method: "GET",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations`,
        status: 400,
      },
      {
        name: "assign a user to an application",
        method: "POST",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations`,
        body: { op: "add", type: "user", id: g("judy") },
        status: 204,
      },
      {
        name: "assign the user again",
        method: "POST",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations`,
        body: { op: "add", type: "user", id: g("judy") },
        status: 409,
      },
      {
        name: "unassign a group that is not assigned",
        method: "POST",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations`,
        body: { op: "remove", type: "user_group", id: g("finance") },
        status: 404,
      },
      {
        name: "assign with an unsupported type",
        method: "POST",
        template: "/api/v2/applications/{id}/associations",
        path: `/api/v2/applications/${g("github")}/associations`,
        body: { op: "add", type: "system", id: g("judy") },
        status: 400,
      },
      {
        name: "list an application's users with paths",
        method: "GET",
        template: "/api/v2/applications/{id}/users",
        path: `/api/v2/applications/${g("github")}/users?limit=100`,
        status: 200,
      },
      {
        name: "list an application's groups with paths",
        method: "GET",
        template: "/api/v2/applications/{id}/usergroups",
        path: `/api/v2/applications/${g("slack")}/usergroups`,
        status: 200,
      },
      {
        name: "list users of an unknown application",
        method: "GET",
        template: "/api/v2/applications/{id}/users",
        path: `/api/v2/applications/${ABSENT}/users`,
        status: 404,
      },
      { name: "list roles", method: "GET", template: "/api/v2/roles", path: "/api/v2/roles?limit=100", status: 200 },
      {
        name: "list directories",
        method: "GET",
        template: "/api/v2/directories",
        path: "/api/v2/directories",
        status: 200,
      },
    ];
  }

  /** Operations or statuses the spec leaves out, and the documented schema their bodies are checked against. */
  function fallbackSchema(c: Case): { family: Family; pointer: string } | null {
    if (c.status >= 400) return { family: family(c.template), pointer: "#/components/schemas/Error" };
    if (c.template === "/api/users")
      return { family: "v1", pointer: "#/paths/~1users~1{id}/put/responses/200/content/application~1json/schema" };
    if (c.template === "/api/users/{id}")
      return { family: "v1", pointer: "#/paths/~1users~1{id}/put/responses/200/content/application~1json/schema" };
    return null;
  }

  const undocumented: string[] = [];

  it("answers every operation with the expected status and a body the spec accepts", async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      const response = await api(c.method, c.path, c.body, c.headers);
      if (response.status !== c.status) {
        failures.push(`${c.name}: expected ${c.status}, got ${response.status} ${response.text}`);
        continue;
      }
      if (c.template.startsWith("/api/v2/") && c.status === 200 && Array.isArray(response.json)) {
        if (response.headers.get("x-total-count") === null) failures.push(`${c.name}: no x-total-count header`);
      }
      const f = family(c.template);
      let result = validator.validateResponse(f, c.template, c.method, c.status, response.json);
      if (!result.described) {
        if (!result.documented) undocumented.push(`${c.method} ${c.template} ${c.status}`);
        const fallback = fallbackSchema(c);
        if (!fallback) {
          failures.push(`${c.name}: neither the status nor a fallback schema is known`);
          continue;
        }
        if (c.template === "/api/users" && c.status === 200) {
          // The admin list is a v1 envelope of UserReturn objects: check the envelope, then each item.
          expect(Object.keys(response.json).sort()).toEqual(["results", "totalCount"]);
          for (const item of response.json.results) {
            const r = validator.validateAgainst(fallback.family, fallback.pointer, item);
            if (!r.valid) failures.push(`${c.name}: ${JSON.stringify(r.errors)}`);
          }
          continue;
        }
        result = validator.validateAgainst(fallback.family, fallback.pointer, response.json);
      }
      if (!result.valid)
        failures.push(`${c.name} (${result.schema ?? "no body"}): ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
    expect(failures).toEqual([]);
  });

  it("lists exactly the undocumented answers that emulator/README.md explains", () => {
    expect([...new Set(undocumented)].sort()).toEqual([
      "GET /api/applications/{id} 404",
      "GET /api/systemusers 400",
      "GET /api/systemusers/{id} 400",
      "GET /api/systemusers/{id} 404",
      "GET /api/users 200",
      "GET /api/users/{id} 200",
      "GET /api/users/{id} 404",
      "GET /api/v2/applications/{id}/associations 400",
      "GET /api/v2/applications/{id}/users 404",
      "GET /api/v2/usergroups/{id} 404",
      "GET /api/v2/usergroups/{id}/members 404",
      "POST /api/search/systemusers 400",
      "POST /api/v2/applications/{id}/associations 400",
      "POST /api/v2/applications/{id}/associations 404",
      "POST /api/v2/applications/{id}/associations 409",
      "POST /api/v2/usergroups/{id}/associations 404",
      "POST /api/v2/usergroups/{id}/associations 409",
      "POST /api/v2/usergroups/{id}/members 400",
      "POST /api/v2/usergroups/{id}/members 404",
      "POST /api/v2/usergroups/{id}/members 409",
    ]);
  });

  it("answers a key whose role lacks permission with a 403 the spec accepts", async () => {
    const readOnly = await startEmulator({ org: DEMO, keyRole: "Read Only" });
    try {
      const ro = client(readOnly.url, readOnly.apiKey);
      const put = await ro("PUT", `/api/users/${ids["admin:bob"]}`, { roleName: "Manager" });
      expect(put.status).toBe(403);
      const documented = validator.validateResponse("v1", "/api/users/{id}", "PUT", 403, put.json);
      expect(documented.errors).toEqual([]);
      expect(documented).toMatchObject({ documented: true, described: true, valid: true });
      const write = await ro("POST", `/api/v2/usergroups/${ids.finance}/members`, {
        op: "add",
        type: "user",
        id: ids.erin,
      });
      expect(write.status).toBe(403);
      expect(validator.validateAgainst("v2", "#/components/schemas/Error", write.json).valid).toBe(true);
    } finally {
      await readOnly.stop();
    }
  });

  it("redirects a request without a key to /login with HTML, as observed on the real service", async () => {
    const response = await fetch(`${emulator.url}/api/systemusers`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("logs every operation under its route template", () => {
    const routes = new Set(emulator.requestLog().map((e) => e.route));
    for (const c of cases()) expect(routes).toContain(`${c.method} ${c.template}`);
  });
});
