import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../emulator";
import { client, SMALL_ORG } from "./fixtures";

describe("graph reads, traversals, search and roles", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof client>;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    emulator = await startEmulator({ org: SMALL_ORG });
    api = client(emulator.url, emulator.apiKey);
    for (const u of (await api("GET", "/api/systemusers")).json.results) id[u.email.split("@")[0]] = u._id;
    for (const g of (await api("GET", "/api/v2/usergroups")).json) id[g.name] = g.id;
    id.slack = (await api("GET", "/api/applications")).json.results[0]._id;
  });
  afterAll(() => emulator.stop());

  const edge = (to: string, type: string) => ({ attributes: null, to: { attributes: null, id: to, type } });

  it("lists an application's users with a path per route: direct, and via each group", async () => {
    const users = (await api("GET", `/api/v2/applications/${id.slack}/users`)).json;
    const byId = Object.fromEntries(users.map((u: { id: string; paths: unknown }) => [u.id, u.paths]));
    expect(byId[id.carol!]).toEqual([[edge(id.carol!, "user")]]);
    expect(byId[id.alice!]).toEqual([[edge(id.engineering!, "user_group"), edge(id.alice!, "user")]]);
    expect(Object.keys(byId).sort()).toEqual([id.alice, id.bob, id.carol].sort());
    expect(users[0]).toMatchObject({ type: "user", compiledAttributes: null });
  });

  it("lists group membership, a user's groups and an application's groups with one-edge paths", async () => {
    const membership = (await api("GET", `/api/v2/usergroups/${id.engineering}/membership`)).json;
    expect(membership.map((m: { id: string }) => m.id).sort()).toEqual([id.alice, id.bob].sort());
    const memberof = (await api("GET", `/api/v2/users/${id.alice}/memberof`)).json;
    expect(memberof).toEqual(
      [id.engineering, id.everyone].map((g) => ({
        id: g,
        type: "user_group",
        compiledAttributes: null,
        paths: [[edge(g!, "user_group")]],
      })),
    );
    const appGroups = (await api("GET", `/api/v2/applications/${id.slack}/usergroups`)).json;
    expect(appGroups.map((g: { id: string }) => g.id)).toEqual([id.engineering]);
  });

  it("writes an application assignment from either side and sees it from both", async () => {
    const add = await api("POST", `/api/v2/usergroups/${id.empty}/associations`, {
      op: "add",
      type: "application",
      id: id.slack,
    });
    expect(add.status).toBe(204);
    const fromApp = (await api("GET", `/api/v2/applications/${id.slack}/associations?targets=user_group`)).json;
    expect(fromApp).toContainEqual(edge(id.empty!, "user_group"));
    const fromGroup = (await api("GET", `/api/v2/usergroups/${id.empty}/associations?targets=application`)).json;
    expect(fromGroup).toEqual([edge(id.slack!, "application")]);
    const remove = await api("POST", `/api/v2/applications/${id.slack}/associations`, {
      op: "remove",
      type: "user_group",
      id: id.empty,
    });
    expect(remove.status).toBe(204);
    expect((await api("GET", `/api/v2/usergroups/${id.empty}/associations?targets=application`)).json).toEqual([]);
  });

  it("refuses manual member writes into a dynamic group, naming it", async () => {
    const response = await api("POST", `/api/v2/usergroups/${id.everyone}/members`, {
      op: "add",
      type: "user",
      id: id.carol,
    });
    expect(response.status).toBe(400);
    expect(response.json.message).toContain('user group "everyone" is a dynamic group');
  });

  it("searches system users by filter object, search term and fields", async () => {
    const search = await api("POST", "/api/search/systemusers", {
      filter: { and: [{ state: "ACTIVATED" }, { email: { $regex: "^(alice|carol)" } }] },
      fields: "email",
    });
    expect(search.json).toEqual({
      totalCount: 2,
      results: [
        { _id: id.alice, email: "alice@test.example" },
        { _id: id.carol, email: "carol@test.example" },
      ],
    });
    const term = await api("POST", "/api/search/systemusers", { searchFilter: { searchTerm: "BOB" } });
    expect(term.json.results.map((u: { email: string }) => u.email)).toEqual(["bob@test.example"]);
    expect((await api("POST", "/api/search/systemusers", { filter: { email: { $where: "1" } } })).status).toBe(400);
  });

  it("lists the 8 built-in roles and custom roles, and sets roles by id (Multi Role)", async () => {
    const roles = (await api("GET", "/api/v2/roles?limit=100")).json;
    expect(roles.totalCount).toBe(9);
    expect(roles.results.filter((r: { isCustom: boolean }) => !r.isCustom)).toHaveLength(8);
    const reviewer = roles.results.find((r: { name: string }) => r.name === "Access Reviewer");
    const manager = roles.results.find((r: { name: string }) => r.name === "Manager");
    const admins = (await api("GET", "/api/users")).json.results;
    const alice = admins.find((a: { email: string }) => a.email === "alice@test.example");
    const put = await api("PUT", `/api/users/${alice._id}`, { roles: [manager.id, reviewer.id] });
    expect(put.json).toMatchObject({
      roleName: "Multi Role",
      roles: [manager.id, reviewer.id],
      roleNames: ["Manager", "Access Reviewer"],
    });
    expect((await api("GET", `/api/users/${alice._id}`)).json.roleName).toBe("Multi Role");
    expect((await api("PUT", `/api/users/${alice._id}`, { roles: ["Manager"] })).status).toBe(400);
    expect((await api("PUT", `/api/users/${alice._id}`, { roleName: "Manager", roles: [manager.id] })).status).toBe(
      400,
    );
    expect((await api("PUT", `/api/users/${alice._id}`, [1])).status).toBe(400);
  });

  it("answers 405 for a known path with an unsupported method and 404 for an unknown path", async () => {
    expect((await api("DELETE", `/api/v2/usergroups/${id.empty}`)).status).toBe(405);
    expect((await api("GET", "/api/v2/nothing")).status).toBe(404);
  });
});
