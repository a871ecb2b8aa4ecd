import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { fullSync } from "../../../provider/sync/full-sync";
import { type FakeAnswer, fakeClock, type SeenRequest, startFakeApi, TEST_KEY } from "../client/fake-api";

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const id = (n: number) => n.toString(16).padStart(24, "0");
const [U1, U2, U3, G1, G2, APP] = [id(1), id(2), id(3), id(0x11), id(0x12), id(0x21)];
const user = (_id: string, email: string) => ({ _id, email, username: email.split("@")[0] });
const edge = (to: string, type: string) => ({ to: { id: to, type } });

/**
 * An org read while it changes: u2 was created and added to g1 after the user list was read, u3 was added and then
 * deleted, and g2 was created and assigned to the app after the group list was read.
 */
function api(req: SeenRequest): FakeAnswer {
  const path = new URL(req.url, "http://x").pathname;
  const v1 = (results: unknown[]) => ({ status: 200, body: { totalCount: results.length, results } });
  const v2 = (items: unknown[]) => ({ status: 200, body: items, headers: { "x-total-count": String(items.length) } });
  switch (path) {
    case "/api/systemusers":
      return v1([user(U1, "ann@example.com")]);
    case "/api/v2/usergroups":
      return v2([{ id: G1, name: "eng" }]);
    case `/api/v2/usergroups/${G1}/members`:
      return v2([edge(U1, "user"), edge(U2, "user"), edge(U3, "user")]);
    case `/api/v2/usergroups/${G2}/members`:
      return v2([edge(U2, "user")]);
    case `/api/v2/usergroups/${G2}`:
      return { status: 200, body: { id: G2, name: "late-group" } };
    case `/api/systemusers/${U2}`:
      return { status: 200, body: user(U2, "bob@example.com") };
    case `/api/systemusers/${U3}`:
      return { status: 404, body: { message: "Not Found" } };
    case "/api/applications":
      return v1([{ _id: APP, name: "slack" }]);
    case `/api/v2/applications/${APP}/associations`:
      return v2([edge(G1, "user_group"), edge(G2, "user_group")]);
    case "/api/v2/roles":
      return v1([]);
    default:
      return v1([]);
  }
}

describe("objects that appear while the sync runs", () => {
  it("are fetched one by one; an edge is dropped only when JumpCloud confirms its user is gone", async () => {
    const server = await startFakeApi(api);
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: server.url, clock: fakeClock() });
    stops.push(server.stop, () => client.close());
    const graph = await fullSync(client);
    expect(graph.users.map((u) => u.email)).toEqual(["ann@example.com", "bob@example.com"]);
    expect(graph.groups.map((g) => g.name)).toEqual(["eng", "late-group"]);
    expect(graph.memberships.map((m) => m.id)).toEqual([`${G1}/${U1}`, `${G1}/${U2}`, `${G2}/${U2}`]);
    expect(graph.effectiveAccess.find((e) => e.userId === U2)?.paths).toEqual([
      { via: "user_group", groupId: G1 },
      { via: "user_group", groupId: G2 },
    ]);
    const singles = server
      .log()
      .filter((l) => /\/(systemusers|usergroups)\/[0-9a-f]{24}(\?|$)/.test(l.split(" ")[1] ?? ""));
    expect(singles.sort()).toEqual(
      [`GET /api/systemusers/${U2}`, `GET /api/systemusers/${U3}`, `GET /api/v2/usergroups/${G2}`].sort(),
    );
  });
});
