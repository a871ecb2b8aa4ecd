import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAccessGraph } from "../../../../provider/review";
import { buildGraph, handMadeOrg } from "../fixtures";

const DIR = join(__dirname, "..", "..", "..", "..", "test-output", "load-graph");
const graph = buildGraph(handMadeOrg);
const file = async (name: string, value: unknown) => {
  const path = join(DIR, name);
  await writeFile(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
};

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
});

describe("loading a saved graph", () => {
  it("reads graph.json, and the graph inside `pulumi stack output --json`", async () => {
    expect(await loadAccessGraph(await file("graph.json", graph))).toEqual(graph);
    const outputs = { graph, summary: { contentHash: "x" }, unmanaged: [] };
    expect(await loadAccessGraph(await file("outputs.json", outputs))).toEqual(graph);
  });

  it("says what is wrong and what to pass instead", async () => {
    await expect(loadAccessGraph(join(DIR, "missing.json"))).rejects.toThrow(
      /Cannot read the access graph file .*missing\.json/,
    );
    await expect(loadAccessGraph(await file("broken.json", "{"))).rejects.toThrow(/broken\.json is not valid JSON/);
    await expect(loadAccessGraph(await file("v2.json", { ...graph, schemaVersion: 2 }))).rejects.toThrow(
      /v2\.json is not an access graph \(schemaVersion: /,
    );
    const badPath = structuredClone(graph) as unknown as { effectiveAccess: { paths: unknown[] }[] };
    (badPath.effectiveAccess[0] as { paths: unknown[] }).paths = [{ via: "user_group" }];
    await expect(loadAccessGraph(await file("bad-path.json", badPath))).rejects.toThrow(/effectiveAccess\.0\.paths\.0/);
    await expect(loadAccessGraph(await file("omitted.json", { graph: null, summary: {} }))).rejects.toThrow(
      /left out for size.*Set outputDir/,
    );
  });
});
