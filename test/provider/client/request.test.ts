import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { type FakeAnswer, fakeClock, type SeenRequest, startFakeApi, TEST_KEY } from "./fake-api";

const GROUP_ID = "5f0c1a2b3c4d5e6f7a8b9c0d";
const GROUP = { id: GROUP_ID, name: "engineering", membershipMethod: "STATIC" };
const ORG_ID = "0123456789abcdef01234567";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

async function setup(handler: (req: SeenRequest, index: number) => FakeAnswer, extra: { timeoutMs?: number } = {}) {
  const api = await startFakeApi(handler);
  const clock = fakeClock();
  const client = new JumpCloudClient({
    apiKey: TEST_KEY,
    apiUrl: api.url,
    orgId: ORG_ID,
    clock,
    random: () => 0.5,
    requestsPerSecond: 0,
    maxAttempts: 4,
    maxRetryWaitMs: 60_000,
    timeoutMs: extra.timeoutMs ?? 5_000,
  });
  stops.push(() => client.close(), api.stop);
  return { api, clock, client };
}

async function failure(promise: Promise<unknown>): Promise<JumpCloudError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JumpCloudError) return error;
    throw error;
  }
  throw new Error("expected a JumpCloudError");
}

describe("request", () => {
  it("sends the key, the org id, JSON and our user agent", async () => {
    const { api, client } = await setup(() => ({ status: 204 }));
    await client.addGroupMember(GROUP_ID, "5f0c1a2b3c4d5e6f7a8b9c0e");
    const [req] = api.seen;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe(`/api/v2/usergroups/${GROUP_ID}/members`);
    expect(req?.headers["x-api-key"]).toBe(TEST_KEY);
    expect(req?.headers["x-org-id"]).toBe(ORG_ID);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers["user-agent"]).toMatch(/^pulumi-jumpcloud-access\/\d+\.\d+\.\d+/);
    expect(JSON.parse(req?.body ?? "")).toEqual({ op: "add", type: "user", id: "5f0c1a2b3c4d5e6f7a8b9c0e" });
  });

  it("never retries a 401 and says how to fix the key", async () => {
    const { api, client } = await setup(() => ({
      status: 401,
      body: { error: "Unauthorized", message: "Unauthorized: api key user not found" },
    }));
    const error = await failure(client.getGroup(GROUP_ID));
    expect(api.seen).toHaveLength(1);
    expect(error.code).toBe("unauthorized");
    expect(error.status).toBe(401);
    expect(error.message).toMatchInlineSnapshot(
      `"JumpCloud rejected the API key on GET /api/v2/usergroups/5f0c1a2b3c4d5e6f7a8b9c0d (401: "Unauthorized: api key user not found"). Check the key set with "pulumi config set --secret jumpcloud:apiKey <key>" or the JUMPCLOUD_API_KEY environment variable. A multi-tenant (MSP) key must also name the organization: jumpcloud:orgId or JUMPCLOUD_ORG_ID."`,
    );
  });

  it("does not follow a 302 to the login page: it is an authentication error", async () => {
    const { api, client } = await setup(() => ({ status: 302, headers: { location: "/login?next=%2Fapi" } }));
    const error = await failure(client.listUsers());
    expect(api.log()).toHaveLength(1);
    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain("redirect (302 to /login)");
  });

  it("reports a 403 as a permission problem, not retried", async () => {
    const { api, client } = await setup(() => ({ status: 403, body: { message: "Forbidden" } }));
    const error = await failure(client.listAdmins());
    expect(api.seen).toHaveLength(1);
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain("not allowed to GET /api/users");
  });

  it.each([
    [400, "bad_request"],
    [404, "not_found"],
    [409, "conflict"],
  ])("does not retry a %i", async (status, code) => {
    const { api, client } = await setup(() => ({ status, body: { message: "no" } }));
    const error = await failure(client.setAdminRoles(GROUP_ID, [ORG_ID]));
    expect(api.seen).toHaveLength(1);
    expect(error.code).toBe(code);
  });

  it("honours Retry-After on a 429", async () => {
    const { api, clock, client } = await setup((_req, i) =>
      i < 2 ? { status: 429, headers: { "retry-after": "3" } } : { status: 200, body: GROUP },
    );
    expect(await client.getGroup(GROUP_ID)).toEqual(GROUP);
    expect(api.seen).toHaveLength(3);
    expect(clock.sleeps.filter((ms) => ms === 3000)).toHaveLength(2);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it("backs off exponentially with jitter on a 429 without Retry-After", async () => {
    const { clock, client } = await setup((_req, i) => (i < 3 ? { status: 429 } : { status: 200, body: GROUP }));
    await client.getGroup(GROUP_ID);
    // base 500 ms doubling; random() = 0.5 lands at 3/4 of each window.
    expect(clock.sleeps.filter((ms) => ms >= 100)).toEqual([375, 750, 1500]);
  });

  it.each([500, 502, 503, 504])("retries a %i and succeeds", async (status) => {
    const { api, client } = await setup((_req, i) => (i === 0 ? { status } : { status: 200, body: GROUP }));
    expect(await client.getGroup(GROUP_ID)).toEqual(GROUP);
    expect(api.seen).toHaveLength(2);
  });

  it("retries a connection reset", async () => {
    const { api, client } = await setup((_req, i) => (i === 0 ? { reset: true } : { status: 200, body: GROUP }));
    expect(await client.getGroup(GROUP_ID)).toEqual(GROUP);
    expect(api.seen).toHaveLength(2);
  });

  it("times out a slow answer, retries it, and reports a timeout when it stays slow", async () => {
    const slowOnce = await setup(
      (_req, i) => (i === 0 ? { status: 200, body: GROUP, delayMs: 3000 } : { status: 200, body: GROUP }),
      {
        timeoutMs: 500,
      },
    );
    expect(await slowOnce.client.getGroup(GROUP_ID)).toEqual(GROUP);
    expect(slowOnce.api.seen).toHaveLength(2);

    const alwaysSlow = await setup(() => ({ status: 200, body: GROUP, delayMs: 3000 }), { timeoutMs: 250 });
    const error = await failure(alwaysSlow.client.getGroup(GROUP_ID));
    expect(error.code).toBe("timeout");
    expect(alwaysSlow.api.seen).toHaveLength(4);
    expect(error.message).toContain("within 250 ms");
    expect(error.message).toContain("Gave up after 4 attempts");
  });

  it("stops at the attempt limit", async () => {
    const { api, client } = await setup(() => ({ status: 503, body: { message: "try later" } }));
    const error = await failure(client.getGroup(GROUP_ID));
    expect(api.seen).toHaveLength(4);
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("Gave up after 4 attempts");
  });

  it("gives up at once when Retry-After exceeds the total retry wait", async () => {
    const { api, clock, client } = await setup(() => ({ status: 429, headers: { "retry-after": "600" } }));
    const error = await failure(client.getGroup(GROUP_ID));
    expect(api.seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.code).toBe("rate_limited");
    expect(error.hint).toContain("JUMPCLOUD_REQUESTS_PER_SECOND");
  });

  it("names the endpoint and the field of an unexpected response shape", async () => {
    const { client } = await setup(() => ({
      status: 200,
      body: {
        totalCount: 2,
        results: [
          { _id: "a1", username: "ann", email: "ann@example.com" },
          { _id: "b2", username: "bob", email: 42 },
        ],
      },
    }));
    const error = await failure(client.listUsers());
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("GET /api/systemusers");
    expect(error.message).toContain('field "results[1].email"');
  });

  it("refuses a malformed id before sending anything", async () => {
    const { api, client } = await setup(() => ({ status: 200, body: GROUP }));
    const error = await failure(client.getGroup("../systemusers"));
    expect(error.code).toBe("invalid_input");
    expect(api.seen).toHaveLength(0);
  });

  it("maps 409 on add and 404 on remove to no-ops", async () => {
    const { client } = await setup((req) =>
      JSON.parse(req.body).op === "add" ? { status: 409, body: { message: "Already Exists" } } : { status: 404 },
    );
    const userId = "5f0c1a2b3c4d5e6f7a8b9c0e";
    expect(await client.addGroupMember(GROUP_ID, userId)).toBe("already_present");
    expect(await client.removeGroupMember(GROUP_ID, userId)).toBe("absent");
    expect(await client.assignApplication(GROUP_ID, "user_group", userId)).toBe("already_present");
    expect(await client.unassignApplication(GROUP_ID, "user", userId)).toBe("absent");
  });

  it("keeps the key out of every error and log line", async () => {
    const lines: string[] = [];
    const api = await startFakeApi(() => ({ status: 401, body: { message: `bad key ${TEST_KEY}` } }));
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url, log: (l) => lines.push(l) });
    stops.push(() => client.close(), api.stop);
    const error = await failure(client.listUsers());
    const everything = [error.message, error.hint ?? "", String(error.stack), JSON.stringify(error), ...lines].join(
      "\n",
    );
    expect(everything).not.toContain(TEST_KEY);
    expect(error.message).toContain("[redacted]");
    expect(lines.length).toBeGreaterThan(0);
  });
});
