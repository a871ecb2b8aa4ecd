import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../emulator";
import { client, SMALL_ORG } from "./fixtures";

describe("control routes, out-of-band changes and reset", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    emulator = await startEmulator({ org: SMALL_ORG });
    api = client(emulator.url, emulator.apiKey);
  });
  afterAll(() => emulator.stop());

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/__emulator${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };

  it("serves the snapshot, the request log and the counts without a key", async () => {
    emulator.clearRequestLog();
    await api("GET", "/api/v2/usergroups?limit=5&filter=name:eq:engineering");
    const snapshot = await control("GET", "/snapshot");
    expect(snapshot.json).toEqual(emulator.snapshot());
    const log = await control("GET", "/requests");
    expect(log.json).toEqual([
      {
        method: "GET",
        path: "/api/v2/usergroups",
        query: "limit=5&filter=name:eq:engineering",
        route: "GET /api/v2/usergroups",
        status: 200,
        orgId: emulator.orgIds[0],
      },
    ]);
    expect((await control("GET", "/requests/counts")).json).toEqual({
      byRoute: { "GET /api/v2/usergroups": 1 },
      byStatus: { "200": 1 },
      total: 1,
    });
    expect((await control("DELETE", "/requests")).status).toBe(204);
    expect(emulator.requestLog()).toEqual([]);
    expect((await control("GET", "/nope")).status).toBe(404);
  });

  it("applies out-of-band changes at once, unlogged, through the handle and the control route", async () => {
    emulator.clearRequestLog();
    emulator.outOfBand.addGroupMember("empty", "carol@test.example");
    emulator.outOfBand.assignApplication("slack", { user: "alice@test.example" });
    emulator.outOfBand.unassignApplication("slack", { group: "engineering" });
    emulator.outOfBand.setAdminRoles("alice@test.example", ["access reviewer"]);
    const viaRoute = await control("POST", "/out-of-band", {
      change: "setUserState",
      args: ["carol@test.example", "SUSPENDED"],
    });
    expect(viaRoute.status).toBe(204);
    const snap = emulator.snapshot();
    expect(snap.groups.find((g) => g.name === "empty")?.members).toEqual(["carol@test.example"]);
    expect(snap.applications[0]).toMatchObject({ groups: [], users: ["alice@test.example", "carol@test.example"] });
    expect(snap.admins.find((a) => a.email === "alice@test.example")?.roles).toEqual(["Access Reviewer"]);
    expect(snap.users.find((u) => u.email === "carol@test.example")?.state).toBe("SUSPENDED");
    const carol = (await api("GET", "/api/systemusers?filter=email:$eq:carol@test.example")).json.results[0];
    expect(carol).toMatchObject({ state: "SUSPENDED", suspended: true, activated: false });
    expect(emulator.requestLog().map((e) => e.route)).toEqual(["GET /api/systemusers"]);
  });

  it("refuses out-of-band changes naming unknown objects, with the name", async () => {
    expect(() => emulator.outOfBand.addGroupMember("ghosts", "carol@test.example")).toThrow('names group "ghosts"');
    expect(() => emulator.outOfBand.setAdminRoles("alice@test.example", ["Boss"])).toThrow('names role "Boss"');
    const bad = await control("POST", "/out-of-band", { change: "dropTables", args: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('out-of-band "change" must be one of addGroupMember');
  });

  it("restores the loaded data and clears the log on reset", async () => {
    emulator.outOfBand.removeGroupMember("engineering", "alice@test.example");
    expect((await control("POST", "/reset")).status).toBe(204);
    const snap = emulator.snapshot();
    expect(snap.groups.find((g) => g.name === "engineering")?.members).toEqual([
      "alice@test.example",
      "bob@test.example",
    ]);
    expect(snap.groups.find((g) => g.name === "empty")?.members).toEqual([]);
    expect(emulator.requestLog()).toEqual([]);
    const users = await api("GET", "/api/systemusers?filter=state:$eq:SUSPENDED");
    expect(users.json.results.map((u: { email: string }) => u.email)).toEqual(["bob@test.example"]);
  });
});
