import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_DEMO_API_KEY, type EmulatorHandle, startEmulator } from "../../emulator";
import { client, SMALL_ORG } from "./fixtures";

describe("emulator smoke", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    emulator = await startEmulator({ org: SMALL_ORG });
    api = client(emulator.url, emulator.apiKey);
  });
  afterAll(() => emulator.stop());

  it("binds to loopback on a free port and uses the demo key by default", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.apiKey).toBe(EMULATOR_DEMO_API_KEY);
    expect(emulator.orgIds).toHaveLength(1);
    expect(emulator.orgIds[0]).toMatch(/^[0-9a-f]{24}$/);
  });

  it("answers 302 to /login without a key and 401 with JumpCloud's body for a wrong key", async () => {
    const none = await client(emulator.url, "")("GET", "/api/systemusers");
    expect(none.status).toBe(302);
    expect(none.headers.get("location")).toBe("/login");
    const wrong = await client(emulator.url, "jca_wrong")("GET", "/api/systemusers");
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: "Unauthorized", message: "Unauthorized: api key user not found" });
  });

  it("lists v1 system users in an envelope with _id and v2 groups as an array with x-total-count", async () => {
    const users = await api("GET", "/api/systemusers?limit=100&sort=_id");
    expect(users.status).toBe(200);
    expect(users.json.totalCount).toBe(3);
    expect(users.json.results.map((u: { email: string }) => u.email).sort()).toEqual([
      "alice@test.example",
      "bob@test.example",
      "carol@test.example",
    ]);
    const ids = users.json.results.map((u: { _id: string }) => u._id);
    expect([...ids].sort()).toEqual(ids);
    const groups = await api("GET", "/api/v2/usergroups?limit=100");
    expect(groups.status).toBe(200);
    expect(groups.headers.get("x-total-count")).toBe("3");
    expect(groups.json.map((g: { name: string }) => g.name)).toEqual(["engineering", "everyone", "empty"]);
    expect(groups.json[0].id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("adds and removes a member with 204, 409 Already Exists and 404", async () => {
    const [engineering] = (await api("GET", "/api/v2/usergroups?filter=name:eq:engineering")).json;
    const carol = (await api("GET", "/api/systemusers?filter=email:$eq:carol@test.example")).json.results[0];
    const path = `/api/v2/usergroups/${engineering.id}/members`;
    const add = await api("POST", path, { op: "add", type: "user", id: carol._id });
    expect(add.status).toBe(204);
    expect(add.text).toBe("");
    const again = await api("POST", path, { op: "add", type: "user", id: carol._id });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain("Already Exists");
    expect((await api("POST", path, { op: "remove", type: "user", id: carol._id })).status).toBe(204);
    expect((await api("POST", path, { op: "remove", type: "user", id: carol._id })).status).toBe(404);
    expect(emulator.snapshot().groups.find((g) => g.name === "engineering")?.members).toEqual([
      "alice@test.example",
      "bob@test.example",
    ]);
  });

  it("shows a multi-role admin as Multi Role and changes roles by name, case-insensitively", async () => {
    const admins = (await api("GET", "/api/users?limit=100")).json.results;
    const bob = admins.find((a: { email: string }) => a.email === "bob@test.example");
    expect(bob.roleName).toBe("Multi Role");
    expect(bob.roleNames).toEqual(["Help Desk", "Read Only"]);
    const put = await api("PUT", `/api/users/${bob._id}`, { roleName: "administrator with billing" });
    expect(put.status).toBe(200);
    expect(put.json.roleName).toBe("Administrator With Billing");
    expect(put.json.roles).toHaveLength(1);
  });

  it("redacts the key from a logged query string if a client puts it there", async () => {
    emulator.clearRequestLog();
    await api("GET", `/api/v2/roles?api_key=${emulator.apiKey}`);
    expect(emulator.requestLog()[0]?.query).toBe("api_key=[redacted]");
  });

  it("logs requests without the key and counts them by route and status", async () => {
    emulator.clearRequestLog();
    await api("GET", "/api/v2/roles");
    await api("GET", "/api/v2/usergroups/nothex/members");
    const log = emulator.requestLog();
    expect(log.map((e) => [e.route, e.status])).toEqual([
      ["GET /api/v2/roles", 200],
      ["GET /api/v2/usergroups/{id}/members", 400],
    ]);
    expect(JSON.stringify(log)).not.toContain(emulator.apiKey);
    expect(emulator.requestCounts()).toEqual({
      byRoute: { "GET /api/v2/roles": 1, "GET /api/v2/usergroups/{id}/members": 1 },
      byStatus: { "200": 1, "400": 1 },
      total: 2,
    });
  });
});
