import { describe, expect, it } from "vitest";
import { resolveClientOptions } from "../../provider/config";
import { JumpCloudError } from "../../provider/errors";

const KEY = "jca_config_test_key_0123456789abcdef";

function configError(run: () => unknown): JumpCloudError {
  try {
    run();
  } catch (error) {
    if (error instanceof JumpCloudError) return error;
    throw error;
  }
  throw new Error("expected an invalid_config error");
}

describe("resolveClientOptions", () => {
  it("names both ways to set a missing key", () => {
    const error = configError(() => resolveClientOptions({}, {}));
    expect(error.code).toBe("invalid_config");
    expect(error.message).toMatchInlineSnapshot(
      `"No JumpCloud API key is configured. Set it with "pulumi config set --secret jumpcloud:apiKey <key>" or the JUMPCLOUD_API_KEY environment variable (create a key in the JumpCloud console under your administrator's API settings)."`,
    );
  });

  it("reads the environment and lets explicit settings win", () => {
    const env = {
      JUMPCLOUD_API_KEY: "env-key-0123456789",
      JUMPCLOUD_ORG_ID: "0123456789abcdef01234567",
      JUMPCLOUD_API_URL: "eu",
      JUMPCLOUD_CONCURRENCY: "12",
      JUMPCLOUD_TIMEOUT_MS: "5000",
    };
    expect(resolveClientOptions({ apiKey: KEY, concurrency: 3 }, env)).toEqual({
      apiKey: KEY,
      apiUrl: "https://console.eu.jumpcloud.com",
      orgId: "0123456789abcdef01234567",
      concurrency: 3,
      requestsPerSecond: 20,
      maxAttempts: 6,
      maxRetryWaitMs: 120_000,
      timeoutMs: 5000,
      maxListItems: 1_000_000,
    });
  });

  it.each([
    ["us", "https://console.jumpcloud.com"],
    ["IN", "https://console.in.jumpcloud.com"],
    ["https://console.eu.jumpcloud.com/api/v2/", "https://console.eu.jumpcloud.com"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
    ["http://localhost:4010/", "http://localhost:4010"],
  ])("accepts the API URL %s", (apiUrl, expected) => {
    expect(resolveClientOptions({ apiKey: KEY, apiUrl }, {}).apiUrl).toBe(expected);
  });

  it.each([
    ["http://console.jumpcloud.com", "does not use https"],
    ["http://10.0.0.5:4010", "does not use https"],
    ["console.jumpcloud.com", "is not a URL"],
    ["https://user:pw@console.jumpcloud.com", "must not carry credentials"],
  ])("refuses the API URL %s", (apiUrl, says) => {
    expect(configError(() => resolveClientOptions({ apiKey: KEY, apiUrl }, {})).message).toContain(says);
  });

  it("refuses a malformed org id and out-of-range tuning before any request", () => {
    expect(configError(() => resolveClientOptions({ apiKey: KEY, orgId: "acme" }, {})).message).toContain(
      'organization id "acme" is malformed',
    );
    const error = configError(() => resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_CONCURRENCY: "many" }));
    expect(error.message).toContain("concurrency");
    expect(error.hint).toContain("JUMPCLOUD_CONCURRENCY");
  });

  it("point 9: reads the list cap from JUMPCLOUD_MAX_LIST_ITEMS and refuses one out of range", () => {
    expect(resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_MAX_LIST_ITEMS: "5000" }).maxListItems).toBe(5000);
    expect(resolveClientOptions({ apiKey: KEY, maxListItems: 70 }, {}).maxListItems).toBe(70);
    const error = configError(() => resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_MAX_LIST_ITEMS: "0" }));
    expect(error.message).toContain("maxListItems");
    expect(error.hint).toBe("Fix the JUMPCLOUD_MAX_LIST_ITEMS environment variable.");
  });

  it("logs one line per request to stderr with JUMPCLOUD_DEBUG, and nothing without it", () => {
    expect(resolveClientOptions({ apiKey: KEY }, {}).log).toBeUndefined();
    expect(resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_DEBUG: "0" }).log).toBeUndefined();
    expect(resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_DEBUG: "1" }).log).toBeTypeOf("function");
  });

  it("never echoes the key in a configuration error", () => {
    const error = configError(() => resolveClientOptions({ apiKey: KEY, apiUrl: `https://x/?k=${KEY}` }, {}));
    expect(error.message).not.toContain(KEY);
  });
});
