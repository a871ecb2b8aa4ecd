import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");

// The engine runs example programs transpile-only in the tests, so their types are checked here, against the built
// package as users' programs see it (package.json "types"), in strict mode.
describe("example programs and the demo program", () => {
  it("type-check in strict mode against the published types", { timeout: 180_000 }, () => {
    const programs = [
      "index.ts",
      ...readdirSync(join(root, "examples")).map((example) => join("examples", example, "index.ts")),
    ];
    expect(programs.length).toBeGreaterThan(4);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--skipLibCheck", "--target", "ES2022"];
    const module = ["--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node"];
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, ...flags, ...module, ...programs], { cwd: root, encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });
});
