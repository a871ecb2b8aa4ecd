import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { clientAccessApi } from "../../../provider/resources/client-access-api";
import { ACME } from "./fixtures";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const ORGANIZATIONS = "GET /api/organizations";

describe("the resources' access to one organization", () => {
  it("hands the organizations it read to key the sync to that sync, so a run costs one sync of requests", async () => {
    const emulator = await startEmulator({ org: ACME });
    const client = new JumpCloudClient({ apiKey: emulator.apiKey, apiUrl: emulator.url, requestsPerSecond: 0 });
    cleanups.push(async () => {
      await client.close();
      await emulator.stop();
    });
    const api = clientAccessApi(client);
    const orgs = () => emulator.requestCounts().byRoute[ORGANIZATIONS] ?? 0;

    expect(await api.organizationId()).toBe(emulator.snapshot().id);
    const graph = await api.sync();
    expect(graph.org.id).toBe(emulator.snapshot().id);
    expect(orgs()).toBe(1);

    // Only once: a later sync reads the organizations afresh.
    await api.sync();
    expect(orgs()).toBe(2);
  });
});
