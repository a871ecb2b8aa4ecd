import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { fullSync } from "../../../provider/sync/full-sync";
import { fakeClock, type SeenRequest, startFakeApi, TEST_KEY } from "../client/fake-api";

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const hex = (n: number) => n.toString(16).padStart(24, "0");
const GROUPS = Array.from({ length: 300 }, (_, i) => ({ id: hex(i + 1), name: `group-${i}` }));

/** Every collection answers normally; member listings are forbidden (a key whose role cannot read group members). */
function api(req: SeenRequest) {
  const url = new URL(req.url, "http://x");
  const skip = Number(url.searchParams.get("skip") ?? 0);
  if (url.pathname === "/api/v2/usergroups") {
    return { status: 200, body: GROUPS.slice(skip, skip + 100), headers: { "x-total-count": String(GROUPS.length) } };
  }
  if (url.pathname.endsWith("/members")) return { status: 403, body: { message: "Forbidden" } };
  if (url.pathname.startsWith("/api/v2/"))
    return {
      status: 200,
      body: url.pathname === "/api/v2/roles" ? { totalCount: 0, results: [] } : [],
      headers: { "x-total-count": "0" },
    };
  return { status: 200, body: { totalCount: 0, results: [] } };
}

describe("a sync that cannot succeed", () => {
  it("stops sending after the first failure instead of draining every queued request", async () => {
    const server = await startFakeApi(api);
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: server.url, clock: fakeClock(), concurrency: 4 });
    stops.push(server.stop, () => client.close());
    await expect(fullSync(client)).rejects.toMatchObject({ code: "forbidden" });
    const memberCalls = server.log().filter((line) => line.includes("/members"));
    // 300 groups were queued; only those already in flight when the first 403 arrived went out.
    expect(memberCalls.length).toBeGreaterThan(0);
    expect(memberCalls.length).toBeLessThanOrEqual(4);
  });
});
