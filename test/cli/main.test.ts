import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const bin = join(root, "dist", "cli", "main.js");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

// The built CLI, as `npx jumpcloud-access` runs it (the test command builds before testing).
describe("jumpcloud-access CLI", () => {
  it("prints the package version", () => {
    expect(execFileSync("node", [bin, "--version"], { encoding: "utf8" }).trim()).toBe(version);
  });

  it("lists its commands in --help and exits 0", () => {
    const help = execFileSync("node", [bin, "--help"], { encoding: "utf8" });
    expect(help).toContain(`jumpcloud-access ${version}`);
    expect(help).toContain("Usage: jumpcloud-access <command> [options]");
    expect(help).toContain("JUMPCLOUD_API_KEY");
  });

  it("rejects an unknown command with exit 2 and a pointer to --help", () => {
    const result = spawnSync("node", [bin, "frobnicate"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain("--help");
  });
});
