import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { fakeClock, startFakeApi, TEST_KEY } from "./fake-api";

const ADMIN = "5f0c1a2b3c4d5e6f7a8b9c01";
const OTHER = "5f0c1a2b3c4d5e6f7a8b9c02";
const ROLE_A = "aaaaaaaaaaaaaaaaaaaaaaaa";
const ROLE_B = "bbbbbbbbbbbbbbbbbbbbbbbb";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

describe("setAdminRoles", () => {
  it("serialises writes to one admin, and lets different admins proceed together", async () => {
    let inFlight = 0;
    const overlaps: string[] = [];
    const api = await startFakeApi((req) => {
      const id = req.url.split("/").pop() ?? "";
      inFlight++;
      if (inFlight > 1) overlaps.push(id);
      const roles = (JSON.parse(req.body) as { roles: string[] }).roles;
      const body = { _id: id, email: `${id}@example.com`, roles, roleName: "Multi Role" };
      return { status: 200, delayMs: 300, body, onSent: () => inFlight-- };
    });
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url, clock: fakeClock(), requestsPerSecond: 0 });
    stops.push(() => client.close(), api.stop);

    const same = await Promise.all([
      client.setAdminRoles(ADMIN, [ROLE_A]),
      client.setAdminRoles(ADMIN, [ROLE_A, ROLE_B]),
    ]);
    expect(same.map((a) => a.roles)).toEqual([[ROLE_A], [ROLE_A, ROLE_B]]);
    expect(overlaps).toEqual([]);
    expect(api.seen.map((r) => `${r.method} ${r.url}`)).toEqual([`PUT /api/users/${ADMIN}`, `PUT /api/users/${ADMIN}`]);

    await Promise.all([client.setAdminRoles(ADMIN, [ROLE_B]), client.setAdminRoles(OTHER, [ROLE_B])]);
    expect(overlaps).toHaveLength(1);
  });

  it("refuses to leave an admin without a role, before any request", async () => {
    const api = await startFakeApi(() => ({ status: 200 }));
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url });
    stops.push(() => client.close(), api.stop);
    await expect(client.setAdminRoles(ADMIN, [])).rejects.toMatchObject({ code: "invalid_input" });
    expect(api.seen).toHaveLength(0);
  });
});
