import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runSync, SYNC_EXIT_CODES } from "../../../cli/commands/sync";
import { startEmulator } from "../../../emulator";
import type { AccessGraph } from "../../../provider/sync/graph";
import { startFakeApi } from "../../provider/client/fake-api";
import { FIXTURE_ORG } from "../../provider/sync/org-fixture";

const KEY = "jca_cli_secret_key_7f3a9c1e5b2d4f6a8c0e";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function capture(isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: (env: NodeJS.ProcessEnv) => ({
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t), isTTY },
      env,
    }),
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

async function emulator() {
  const emu = await startEmulator({ org: FIXTURE_ORG, apiKey: KEY });
  cleanups.push(() => emu.stop());
  return emu;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "jca-sync-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("jumpcloud-access sync", () => {
  it("writes the graph, prints a one-line summary, and never shows the key anywhere", async () => {
    const emu = await emulator();
    const out = join(tempDir(), "graph.json");
    const cap = capture();
    const code = await runSync(
      ["--out", out, "--verbose"],
      cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }),
    );
    expect(code).toBe(SYNC_EXIT_CODES.ok);
    const written = readFileSync(out, "utf8");
    const graph = JSON.parse(written) as AccessGraph;
    expect(graph.users).toHaveLength(5);
    expect(graph.org.name).toBe("Acme Corp");
    const lines = cap.stderr().trim().split("\n");
    expect(lines.at(-1)).toMatch(
      /^Synced "Acme Corp": 5 users, 2 admins, 9 roles, 3 groups, 3 applications; 4 memberships, 4 assignments, 4 admin roles, 5 effective accesses; \d+ requests \(0 retries\) in \d+\.\d s\. Wrote .*graph\.json\.$/,
    );
    expect(lines.some((l) => l.includes("GET /api/systemusers"))).toBe(true);
    for (const text of [written, cap.stdout(), cap.stderr(), JSON.stringify(emu.requestLog())]) {
      expect(text).not.toContain(KEY);
    }
  });

  it("writes to stdout without --out and shows progress only on a terminal", async () => {
    const emu = await emulator();
    const cap = capture(true);
    const code = await runSync([], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }));
    expect(code).toBe(0);
    expect((JSON.parse(cap.stdout()) as AccessGraph).schemaVersion).toBe(1);
    expect(cap.stderr()).toMatch(/\rsync: \d+\/\d+ pages/);

    const piped = capture(false);
    await runSync(["--quiet"], piped.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }));
    expect(piped.stderr()).toBe("");
  });

  it("warns about a key given as a flag, and keeps it out of the output", async () => {
    const emu = await emulator();
    const cap = capture();
    const code = await runSync(["--api-key", KEY, "--api-url", emu.url, "--quiet"], cap.io({}));
    expect(code).toBe(0);
    expect(cap.stderr()).toContain("warning: an API key given with --api-key is visible in the process list");
    expect(cap.stderr() + cap.stdout()).not.toContain(KEY);
  });

  it("reads the key from a file", async () => {
    const emu = await emulator();
    const file = join(tempDir(), "key");
    writeFileSync(file, `${KEY}\n`);
    const cap = capture();
    expect(await runSync(["--api-key-file", file, "--api-url", emu.url, "--quiet"], cap.io({}))).toBe(0);
  });

  it("exits 2 with both ways to set a missing key", async () => {
    const cap = capture();
    expect(await runSync([], cap.io({}))).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toContain("pulumi config set --secret jumpcloud:apiKey");
    expect(cap.stderr()).toContain("JUMPCLOUD_API_KEY");
    expect(await runSync(["--frobnicate"], cap.io({}))).toBe(SYNC_EXIT_CODES.usage);
  });

  it("exits 3 on a rejected key, with a message and no stack trace", async () => {
    const emu = await emulator();
    const cap = capture();
    const code = await runSync(
      [],
      cap.io({ JUMPCLOUD_API_KEY: "jca_wrong_key_000000000000", JUMPCLOUD_API_URL: emu.url }),
    );
    expect(code).toBe(SYNC_EXIT_CODES.auth);
    expect(cap.stderr()).toMatch(/^error: JumpCloud rejected the API key/);
    expect(cap.stderr()).not.toMatch(/\n\s+at /);
    expect(cap.stderr()).not.toContain("jca_wrong_key_000000000000");
  });

  it("exits 4 on a permission error", async () => {
    const api = await startFakeApi(() => ({ status: 403, body: { message: "Forbidden" } }));
    cleanups.push(api.stop);
    const cap = capture();
    expect(await runSync([], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: api.url }))).toBe(
      SYNC_EXIT_CODES.permission,
    );
    expect(cap.stderr()).toContain("not allowed to GET");
  });

  it("exits 5 when JumpCloud cannot be reached", async () => {
    const api = await startFakeApi(() => ({ status: 200 }));
    await api.stop();
    const cap = capture();
    const code = await runSync(["--quiet"], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: api.url }));
    expect(code).toBe(SYNC_EXIT_CODES.network);
    expect(cap.stderr()).toContain("ECONNREFUSED");
  });

  it("exits 6 on data it cannot trust", async () => {
    const api = await startFakeApi(() => ({ status: 200, body: { totalCount: 1, results: [{ unexpected: true }] } }));
    cleanups.push(api.stop);
    const cap = capture();
    const code = await runSync([], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: api.url }));
    expect(code).toBe(SYNC_EXIT_CODES.data);
    expect(cap.stderr()).toContain("Unexpected response from JumpCloud");
  });
});
