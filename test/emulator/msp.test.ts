import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../emulator";
import { client } from "./fixtures";

describe("MSP (multi-tenant) keys", () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({
      org: {
        organizations: [
          { name: "Tenant One", users: [{ email: "a@one.example" }] },
          { name: "Tenant Two", users: [{ email: "b@two.example" }, { email: "c@two.example" }] },
        ],
      },
    });
  });
  afterAll(() => emulator.stop());

  it("lists the orgs the key reaches without x-org-id", async () => {
    const response = await client(emulator.url, emulator.apiKey)("GET", "/api/organizations");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      totalCount: 2,
      results: [
        { _id: emulator.orgIds[0], displayName: "Tenant One", logoUrl: null },
        { _id: emulator.orgIds[1], displayName: "Tenant Two", logoUrl: null },
      ],
    });
  });

  it("requires x-org-id (401), rejects a malformed one (400) and an unknown one (404)", async () => {
    const api = client(emulator.url, emulator.apiKey);
    const missing = await api("GET", "/api/systemusers");
    expect(missing.status).toBe(401);
    expect(missing.json.message).toContain("x-org-id header is required");
    expect((await api("GET", "/api/systemusers", undefined, { "x-org-id": "tenant-two" })).status).toBe(400);
    expect((await api("GET", "/api/systemusers", undefined, { "x-org-id": "0123456789abcdef01234567" })).status).toBe(
      404,
    );
  });

  it("serves each org's own data and logs the org of each request", async () => {
    const two = client(emulator.url, emulator.apiKey, { "x-org-id": emulator.orgIds[1]! });
    const users = await two("GET", "/api/systemusers");
    expect(users.json.results.map((u: { email: string }) => u.email)).toEqual(["b@two.example", "c@two.example"]);
    expect(users.json.results[0].organization).toBe(emulator.orgIds[1]);
    expect(emulator.requestLog().at(-1)?.orgId).toBe(emulator.orgIds[1]);
    expect(emulator.snapshot(emulator.orgIds[0]).users.map((u) => u.email)).toEqual(["a@one.example"]);
  });

  it("can require x-org-id for a single org, and otherwise checks a sent one", async () => {
    const single = await startEmulator({ org: { name: "Solo" }, msp: true });
    const plain = await startEmulator({ org: { name: "Solo" } });
    try {
      expect((await client(single.url, single.apiKey)("GET", "/api/v2/usergroups")).status).toBe(401);
      const api = client(plain.url, plain.apiKey);
      expect((await api("GET", "/api/v2/usergroups")).status).toBe(200);
      expect((await api("GET", "/api/v2/usergroups", undefined, { "x-org-id": plain.orgIds[0]! })).status).toBe(200);
      expect(
        (await api("GET", "/api/v2/usergroups", undefined, { "x-org-id": "0123456789abcdef01234567" })).status,
      ).toBe(404);
    } finally {
      await single.stop();
      await plain.stop();
    }
  });
});
