/**
 * #12 point 12: a graph write is done only when JumpCloud answers it: the documented 204, or a 2xx with an empty or
 * JSON body. A 2xx web page (a proxy's or a captive portal's) is not an answer to the change.
 */
import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { type FakeAnswer, fakeClock, startFakeApi, TEST_KEY } from "./fake-api";

const GROUP = "5f0c1a2b3c4d5e6f7a8b9c0d";
const USER = "5f0c1a2b3c4d5e6f7a8b9c0e";
const APP = "5f0c1a2b3c4d5e6f7a8b9c0f";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

async function clientAnswering(answer: FakeAnswer) {
  const api = await startFakeApi(() => answer);
  const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url, clock: fakeClock(), requestsPerSecond: 0 });
  stops.push(() => client.close(), api.stop);
  return { api, client };
}

const writes = (client: JumpCloudClient) => ({
  addGroupMember: () => client.addGroupMember(GROUP, USER),
  removeGroupMember: () => client.removeGroupMember(GROUP, USER),
  assignApplication: () => client.assignApplication(APP, "user_group", GROUP),
  unassignApplication: () => client.unassignApplication(APP, "user", USER),
});
const WRITES = ["addGroupMember", "removeGroupMember", "assignApplication", "unassignApplication"] as const;

const HTML_PAGE = "<!doctype html><html><body><h1>Welcome</h1><p>Sign in to continue.</p></body></html>";

describe("point 12: writes need a real answer", () => {
  it.each(WRITES)("%s: a 200 HTML page is an error, not a success", async (write) => {
    const { api, client } = await clientAnswering({
      status: 200,
      raw: HTML_PAGE,
      headers: { "content-type": "text/html; charset=utf-8" },
    });
    const outcome = await writes(client)
      [write]()
      .then(
        (value) => value,
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(JumpCloudError);
    const error = outcome as JumpCloudError;
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("with 200 and a web page");
    expect(error.hint).toContain("may or may not have been applied");
    // Not retried: a second attempt would get the same page, and a write is not sent twice on a guess.
    expect(api.seen).toHaveLength(1);
  });

  it("an administrator's roles answered with a 200 HTML page: an error that does not claim nothing changed", async () => {
    const { client } = await clientAnswering({ status: 200, raw: HTML_PAGE, headers: { "content-type": "text/html" } });
    const error = await client.setAdminRoles(USER, [GROUP]).then(
      () => undefined,
      (e: unknown) => e as JumpCloudError,
    );
    expect(error?.code).toBe("invalid_response");
    expect(error?.hint).toContain("may or may not have been applied");
    expect(error?.hint).not.toContain("Nothing was changed");
  });

  it("a 2xx body that is not JSON is an error even without an HTML content type", async () => {
    const { client } = await clientAnswering({
      status: 202,
      raw: "OK, queued",
      headers: { "content-type": "text/plain" },
    });
    await expect(client.addGroupMember(GROUP, USER)).rejects.toMatchObject({
      code: "invalid_response",
      message: expect.stringContaining("with 202 and a body that is not JSON"),
    });
  });

  it.each<[string, FakeAnswer]>([
    ["the documented 204", { status: 204 }],
    ["an empty 200", { status: 200 }],
    ["a JSON 200", { status: 200, body: { ok: true } }],
    ["a JSON 201", { status: 201, body: {} }],
  ])("accepts %s", async (_, answer) => {
    const { client } = await clientAnswering(answer);
    expect(await client.addGroupMember(GROUP, USER)).toBe("added");
    expect(await client.removeGroupMember(GROUP, USER)).toBe("removed");
  });
});
