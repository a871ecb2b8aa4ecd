/**
 * #12 point 13, in the client and its configuration: the key never shows, not even a prefix of it; a key that cannot
 * be one is refused before it is sent; and the public client itself decides where the key may go.
 */
import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { resolveClientOptions } from "../../../provider/config";
import { JumpCloudError, redactSecrets, registerSecret } from "../../../provider/errors";
import { startFakeApi, TEST_KEY } from "./fake-api";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

function thrown(run: () => unknown): JumpCloudError {
  try {
    run();
  } catch (error) {
    if (error instanceof JumpCloudError) return error;
    throw error;
  }
  throw new Error("expected a JumpCloudError");
}

describe("point 13: secrets", () => {
  it("redacts a key the server echoes before cutting its message to 300 characters", async () => {
    const api = await startFakeApi(() => ({ status: 400, body: { message: `${"x".repeat(290)} ${TEST_KEY}` } }));
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url, requestsPerSecond: 0 });
    stops.push(() => client.close(), api.stop);
    const error = await client.listUsers().then(
      () => undefined,
      (e: unknown) => e as JumpCloudError,
    );
    expect(error?.code).toBe("bad_request");
    expect(error?.message).toContain("xxxx");
    // Not even the first characters: a prefix cut off at 300 would not match the key, and would stay.
    expect(error?.message).not.toContain(TEST_KEY.slice(0, 6));
  });

  it("redacts a registered secret whatever its length", () => {
    registerSecret("Qz7#");
    expect(redactSecrets("before Qz7# after")).toBe("before [redacted] after");
  });

  it.each([
    ["a short key", "jca_0123"],
    ["a key in quotes", `"${TEST_KEY}"`],
    ["a key with a look-alike letter", `${TEST_KEY.slice(0, 10)}\u212a${TEST_KEY.slice(11)}`],
    ["a key with a line break", `${TEST_KEY}\nx-org-id: 0123456789abcdef01234567`],
  ])("refuses %s before any request, without quoting it", async (_, apiKey) => {
    const api = await startFakeApi(() => ({ status: 200, body: { totalCount: 0, results: [] } }));
    stops.push(api.stop);
    const fromClient = thrown(() => new JumpCloudClient({ apiKey, apiUrl: api.url }));
    const fromConfig = thrown(() => resolveClientOptions({ apiKey, apiUrl: api.url }, {}));
    for (const error of [fromClient, fromConfig]) {
      expect(error.code).toBe("invalid_config");
      expect(error.message).toMatch(/JumpCloud API key (is \d+ characters long|contains)/);
      expect(error.message).not.toContain(apiKey.trim().slice(4, 12));
    }
    expect(api.seen).toHaveLength(0);
  });
});

describe("point 13: hosts", () => {
  it.each([
    ["http://console.jumpcloud.com", "does not use https"],
    ["http://10.0.0.5:4010", "does not use https"],
    ["http://jc.example.com", "does not use https"],
    ["https://jc-proxy.example.com", "is not a JumpCloud host"],
    ["https://console.jumpcloud.com.attacker.example", "is not a JumpCloud host"],
    ["https://jumpcloud.com@attacker.example", "must not carry credentials"],
  ])("the public client refuses %s", (apiUrl, says) => {
    const error = thrown(() => new JumpCloudClient({ apiKey: TEST_KEY, apiUrl }));
    expect(error.code).toBe("invalid_config");
    expect(error.message).toContain(says);
  });

  it.each([
    "https://console.jumpcloud.com",
    "https://console.eu.jumpcloud.com",
    "http://127.0.0.1:4010",
    "http://localhost:4010",
    "http://[::1]:4010",
  ])("the public client accepts %s", async (apiUrl) => {
    const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl });
    stops.push(() => client.close());
    expect(client.apiUrl).toBe(apiUrl);
  });

  it("sends the key to another https host only when the caller opts in, and never over plain http", async () => {
    const error = thrown(() => resolveClientOptions({ apiKey: TEST_KEY, apiUrl: "https://jc-proxy.example.com" }, {}));
    expect(error.message).toContain("is not a JumpCloud host");
    expect(error.hint).toContain("JUMPCLOUD_ALLOW_NON_JUMPCLOUD_HOST=1");

    const client = new JumpCloudClient({
      apiKey: TEST_KEY,
      apiUrl: "https://jc-proxy.example.com",
      allowNonJumpCloudHost: true,
    });
    stops.push(() => client.close());
    expect(client.apiUrl).toBe("https://jc-proxy.example.com");
    const options = resolveClientOptions(
      { apiKey: TEST_KEY, apiUrl: "https://jc-proxy.example.com" },
      { JUMPCLOUD_ALLOW_NON_JUMPCLOUD_HOST: "1" },
    );
    expect(options).toMatchObject({ apiUrl: "https://jc-proxy.example.com", allowNonJumpCloudHost: true });
    expect(
      thrown(
        () => new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: "http://jc.example.com", allowNonJumpCloudHost: true }),
      ).message,
    ).toContain("does not use https");
  });
});
