import { afterEach, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../emulator";
import { client, SMALL_ORG } from "./fixtures";

describe("the key's admin role", () => {
  let emulator: EmulatorHandle | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  async function asRole(keyRole: string) {
    emulator = await startEmulator({ org: SMALL_ORG, keyRole });
    const api = client(emulator.url, emulator.apiKey);
    const group = (await api("GET", "/api/v2/usergroups?filter=name:eq:empty")).json?.[0];
    const user = (await api("GET", "/api/systemusers?filter=email:$eq:alice@test.example")).json?.results?.[0];
    const admin = (await api("GET", "/api/users")).json?.results?.[0];
    return { api, group, user, admin };
  }

  it("lets a Read Only key read and search but answers 403 to any change", async () => {
    const { api, group, user, admin } = await asRole("read only");
    expect((await api("POST", "/api/search/systemusers", {})).status).toBe(200);
    const write = await api("POST", `/api/v2/usergroups/${group.id}/members`, {
      op: "add",
      type: "user",
      id: user._id,
    });
    expect(write.status).toBe(403);
    expect(write.json.message).toBe('Forbidden: an API key of an admin with role "read only" cannot make changes');
    expect((await api("PUT", `/api/users/${admin._id}`, { roleName: "Manager" })).status).toBe(403);
    expect(emulator!.snapshot().groups.find((g) => g.name === "empty")?.members).toEqual([]);
  });

  it("lets a Help Desk key write graph edges but not change admin roles", async () => {
    const { api, group, user, admin } = await asRole("Help Desk");
    const write = await api("POST", `/api/v2/usergroups/${group.id}/members`, {
      op: "add",
      type: "user",
      id: user._id,
    });
    expect(write.status).toBe(204);
    expect((await api("PUT", `/api/users/${admin._id}`, { roleName: "Manager" })).status).toBe(403);
  });

  it("refuses everything to a Billing Only key and an unknown role at start", async () => {
    emulator = await startEmulator({ org: SMALL_ORG, keyRole: "Billing Only" });
    expect((await client(emulator.url, emulator.apiKey)("GET", "/api/systemusers")).status).toBe(403);
    await expect(startEmulator({ keyRole: "Owner" })).rejects.toThrow('keyRole "Owner" is not a built-in admin role');
  });
});
