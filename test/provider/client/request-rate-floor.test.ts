import { describe, expect, it } from "vitest";
import { resolveClientOptions } from "../../../provider/config";
import { JumpCloudError } from "../../../provider/errors";
import { settingsFromConfig } from "../../../provider/dynamic/process-context";
import { runSync } from "../../../cli/commands/sync";

const KEY = "jca_rate_floor_test_key_0123456789abcdef";

function configError(run: () => unknown): JumpCloudError {
  try {
    run();
  } catch (error) {
    if (error instanceof JumpCloudError) return error;
    throw error;
  }
  throw new Error("expected an invalid_config error");
}

describe("#12.14 inputs: a floor for requestsPerSecond", () => {
  it.each(["0.0001", "0.5", "-1"])(
    "refuses %s before any request, naming the setting, the range and the fix",
    (rate) => {
      const error = configError(() => resolveClientOptions({ apiKey: KEY }, { JUMPCLOUD_REQUESTS_PER_SECOND: rate }));
      expect(error.code).toBe("invalid_config");
      expect(error.message).toBe(
        `The setting requestsPerSecond is ${rate}: it must be 0 (no rate cap) or a number from 1 to 10000; below 1 request per second a sync of a large organization would take hours. Fix jumpcloud:requestsPerSecond or the JUMPCLOUD_REQUESTS_PER_SECOND environment variable.`,
      );
    },
  );

  it("refuses a tiny rate from the stack configuration too", () => {
    const settings = settingsFromConfig({
      get: (key) => (key === "jumpcloud:requestsPerSecond" ? "0.0001" : undefined),
    });
    expect(configError(() => resolveClientOptions({ apiKey: KEY, ...settings }, {})).message).toContain(
      "The setting requestsPerSecond is 0.0001: it must be 0 (no rate cap) or a number from 1 to 10000",
    );
  });

  it("keeps 0 as no cap, and accepts the floor and fractions above it", () => {
    for (const rate of [0, 1, 2.5, 20, 10_000]) {
      expect(resolveClientOptions({ apiKey: KEY, requestsPerSecond: rate }, {}).requestsPerSecond).toBe(rate);
    }
  });

  it("makes `sync --requests-per-second 0.0001` a usage error (exit 2) before it connects", async () => {
    let stderr = "";
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {} };
    const code = await runSync(["--requests-per-second", "0.0001", "--api-url", "http://127.0.0.1:9", "--out", "-"], {
      ...io,
      env: { JUMPCLOUD_API_KEY: KEY },
    });
    expect(code).toBe(2);
    expect(stderr).toContain("The setting requestsPerSecond is 0.0001: it must be 0 (no rate cap) or a number from 1");
  });
});
