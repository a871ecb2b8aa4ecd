import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The checker is plain JavaScript (it also runs as `node scripts/import-graph.js`).
const { importGraph, circles, layerBreaches } = require("../../scripts/import-graph.js") as {
  importGraph(root: string): Map<string, string[]>;
  circles(graph: Map<string, string[]>): string[][];
  layerBreaches(graph: Map<string, string[]>, root?: string): string[];
};

const ROOT = join(__dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "import-graph-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, "tree-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe("the package's import graph", () => {
  it("has no import circle anywhere (sources and tests, type-only imports included)", () => {
    const graph = importGraph(ROOT);
    expect(graph.size).toBeGreaterThan(100);
    expect(circles(graph)).toEqual([]);
  });

  it("keeps provider/resources free of provider/dynamic, provider/review pure outside files/, provider/ free of Pulumi", () => {
    const graph = importGraph(ROOT);
    expect(graph.get("provider/dynamic/registry.ts")).toContain("provider/resources/user-group-members.ts");
    expect(layerBreaches(graph)).toEqual([]);
  });

  it("finds a circle through a type-only import and an index file, and a layer breach", () => {
    const root = tree({
      "provider/dynamic/index.ts": 'import { b } from "../resources/b";\nexport const a = b;\n',
      "provider/resources/b.ts": 'import type { C } from "./c";\nexport const b: C = 1;\n',
      "provider/resources/c.ts": 'import { a } from "../dynamic";\nexport type C = typeof a;\n',
      "provider/resources/d.ts": 'import { b } from "./b";\nexport const d = b;\n',
    });
    const graph = importGraph(root);
    expect(circles(graph)).toEqual([
      ["provider/dynamic/index.ts", "provider/resources/b.ts", "provider/resources/c.ts"],
    ]);
    expect(layerBreaches(graph, root)).toEqual(["provider/resources/c.ts imports provider/dynamic/index.ts"]);
  });

  it("finds file access in the pure part of provider/review and Pulumi in provider/, not in review/files/", () => {
    const root = tree({
      "provider/review/report.ts": 'import { readFile } from "node:fs/promises";\nexport const r = readFile;\n',
      "provider/review/files/load.ts": 'import { readFile } from "node:fs/promises";\nexport const l = readFile;\n',
      "provider/sync/run.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const p = pulumi;\n',
      "sdk/ok.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const p = pulumi;\n',
    });
    expect(layerBreaches(importGraph(root), root)).toEqual([
      "provider/review/report.ts imports node:fs/promises",
      "provider/sync/run.ts imports @pulumi/pulumi",
    ]);
  });

  it("exits 1 from the command line when the tree has a circle, 0 on this package", () => {
    const root = tree({
      "sdk/a.ts": 'export * from "./b";\n',
      "sdk/b.ts": 'export * from "./a";\n',
    });
    const script = join(ROOT, "scripts", "import-graph.js");
    const broken = spawnSync(process.execPath, [script, root], { encoding: "utf8" });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain("circle: sdk/a.ts -> sdk/b.ts");
    const clean = spawnSync(process.execPath, [script, ROOT], { encoding: "utf8" });
    expect(clean.stdout).toMatch(/0 circle\(s\), 0 layer breach\(es\)/);
    expect(clean.status).toBe(0);
  });
});
