/**
 * #12 point 13, on the command line: a key typed in the wrong place is never echoed, because every key the command
 * was given is registered for redaction before its flags are parsed, and a stray argument is never quoted.
 */
import { describe, expect, it } from "vitest";
import { runReview } from "../../cli/commands/review";
import { runSync, SYNC_EXIT_CODES } from "../../cli/commands/sync";

/** A distinct key per test: redaction is process-wide, so a key registered by one test must not help another. */
const keyFor = (name: string) => `jca_${name}_7f3a9c1e5b2d4f6a8c0e1b2d`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: (env: NodeJS.ProcessEnv) => ({
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t), isTTY: false },
      env,
    }),
    all: () => out.join("") + err.join(""),
    stderr: () => err.join(""),
  };
}

describe("point 13: the CLI never echoes a key", () => {
  it("sync <key>: a key given as a stray argument is not shown", async () => {
    const key = keyFor("stray");
    const cap = capture();
    expect(await runSync([key], cap.io({}))).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("unexpected argument #1 (not shown, in case it is a key)");
    expect(cap.stderr()).toContain("JUMPCLOUD_API_KEY");
    expect(cap.all()).not.toContain(key.slice(0, 8));
  });

  it("review <key>: the same for the review command", async () => {
    const key = keyFor("review");
    const cap = capture();
    expect(await runReview(["--out", "x", key], cap.io({}))).toBe(2);
    expect(cap.stderr()).toContain("unexpected argument #3");
    expect(cap.all()).not.toContain(key.slice(0, 8));
  });

  it("the environment's key is registered before flags are parsed: pasted as a flag value, it is not shown", async () => {
    const key = keyFor("env");
    const cap = capture();
    expect(await runSync(["--concurrency", key], cap.io({ JUMPCLOUD_API_KEY: key }))).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("--concurrency must be a number");
    expect(cap.all()).not.toContain(key.slice(4, 12));
  });

  it("the --api-key value is registered before flags are parsed", async () => {
    const key = keyFor("flag");
    const cap = capture();
    expect(await runSync(["--api-key", key, "--timeout-ms", key], cap.io({}))).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("--timeout-ms must be a number");
    expect(cap.all()).not.toContain(key.slice(4, 12));
  });

  it("refuses an API URL outside *.jumpcloud.com before sending the key, and says how to opt in", async () => {
    const key = keyFor("host");
    const cap = capture();
    const code = await runSync(["--api-url", "https://jc-proxy.example.com"], cap.io({ JUMPCLOUD_API_KEY: key }));
    expect(code).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("is not a JumpCloud host");
    expect(cap.stderr()).toContain("JUMPCLOUD_ALLOW_NON_JUMPCLOUD_HOST=1");
  });

  it("refuses a key too short to be one, without showing it", async () => {
    const cap = capture();
    expect(await runSync([], cap.io({ JUMPCLOUD_API_KEY: "jca_Kx9" }))).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("The JumpCloud API key is 7 characters long");
    expect(cap.all()).not.toContain("jca_Kx9");
  });
});
