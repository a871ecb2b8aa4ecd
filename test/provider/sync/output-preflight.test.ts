import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runReview } from "../../../cli/commands/review";
import { runSync, SYNC_EXIT_CODES } from "../../../cli/commands/sync";
import { startEmulator } from "../../../emulator";
import { FIXTURE_ORG } from "./org-fixture";

// An output that cannot be written is refused before the sync starts: a sync of a large organization takes minutes,
// and its result would be lost. The tests run as any user (root too), so "unwritable" is a path under a file or
// under a directory that does not exist, never a permission bit.
const KEY = "jca_cli_preflight_key_5e1b7c9d3f2a4b6c8d0e";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "jca-preflight-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function emulator() {
  const emu = await startEmulator({ org: FIXTURE_ORG, apiKey: KEY });
  cleanups.push(() => emu.stop());
  return emu;
}

function capture() {
  const err: string[] = [];
  const out: string[] = [];
  return {
    io: (env: NodeJS.ProcessEnv) => ({
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env,
    }),
    stderr: () => err.join(""),
    stdout: () => out.join(""),
  };
}

describe("#12.14 inputs: sync --out is checked before the sync", () => {
  it.each([
    ["a directory that does not exist", (dir: string) => join(dir, "missing", "graph.json"), "ENOENT"],
    ["a path under a file", (dir: string) => join(dir, "file.txt", "graph.json"), "ENOTDIR"],
    ["a directory", (dir: string) => dir, "EISDIR"],
  ])("refuses %s with exit 2 and sends no request", async (_what, outOf, code) => {
    const emu = await emulator();
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "not a directory");
    const out = outOf(dir);
    const cap = capture();
    const exit = await runSync(["--out", out], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }));
    expect(exit).toBe(SYNC_EXIT_CODES.usage);
    expect(cap.stderr()).toBe(
      `error: Cannot write the graph to ${out} (${code}). Check that the directory exists and is writable, or pass another --out.\n`,
    );
    expect(emu.requestLog()).toEqual([]);
  });

  it("keeps the previous graph when the sync fails, and leaves no empty file behind", async () => {
    const emu = await emulator();
    const dir = tempDir();
    const previous = join(dir, "previous.json");
    writeFileSync(previous, '{"old": true}\n');
    const fresh = join(dir, "fresh.json");
    emu.setFaults({ errorRate: 1 });
    const env = { JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url, JUMPCLOUD_MAX_ATTEMPTS: "1" };
    expect(await runSync(["--out", previous, "--quiet"], capture().io(env))).toBe(SYNC_EXIT_CODES.network);
    expect(readFileSync(previous, "utf8")).toBe('{"old": true}\n');
    expect(await runSync(["--out", fresh, "--quiet"], capture().io(env))).toBe(SYNC_EXIT_CODES.network);
    expect(() => readFileSync(fresh)).toThrow(/ENOENT/);

    emu.setFaults({ errorRate: 0 });
    expect(await runSync(["--out", previous, "--quiet"], capture().io(env))).toBe(SYNC_EXIT_CODES.ok);
    expect(JSON.parse(readFileSync(previous, "utf8")).users).toHaveLength(5);
  });
});

describe("#12.14 inputs: review --out onto an existing file", () => {
  it("says the path is a file and what to do, before any request, instead of a raw EEXIST", async () => {
    const emu = await emulator();
    const dir = tempDir();
    const file = join(dir, "review");
    writeFileSync(file, "a file where the report directory should go");
    const cap = capture();
    const exit = await runReview(["--out", file], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }));
    expect(exit).toBe(2);
    expect(cap.stderr()).toBe(
      `error: review: --out ${file} is a file, not a directory. Name a directory for the reports (it is created if missing), or move the file away.\n`,
    );
    expect(emu.requestLog()).toEqual([]);
  });

  it("refuses a report directory under a file before any request", async () => {
    const emu = await emulator();
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "x");
    const out = join(dir, "file.txt", "review");
    const cap = capture();
    const exit = await runReview(["--out", out], cap.io({ JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emu.url }));
    expect(exit).toBe(2);
    expect(cap.stderr()).toBe(
      `error: review: cannot create the report directory ${out} (ENOTDIR: ${join(dir, "file.txt")} is not a directory). Check the path, or pass another --out.\n`,
    );
    expect(emu.requestLog()).toEqual([]);
  });
});
