/**
 * The resources benchmark (`npm run bench resources`): `pulumi up` creating 1,000 edges and `pulumi refresh` of
 * those 1,000 edges against the emulator, each next to the same command on 1,000 no-op dynamic resources in the
 * same run (the engine's own cost per resource: the floor). Reported:
 * - wall time as a ratio to the floor (target ≤ 1.5×);
 * - API calls by kind: writes per edge (target 1), full syncs per engine run (target 1), requests a refresh sends
 *   beyond one full sync of the same org (target 0: refresh is answered from the sync), and the listings `up` makes
 *   while waiting for JumpCloud to show its writes (reported, no target);
 * - the serialized provider's size in state, per resource (target ≤ 4 KiB).
 *
 * The 1,000 edges: 900 memberships, 40 group and 40 user application assignments, 20 admin role grants, one resource
 * each. Client setting (documented, not the default): concurrency 16, no client rate cap. The engine runs with its
 * default parallelism; the emulator runs in this process with no latency or faults.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator";
import type { EmulatorHandle } from "../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult, repoRoot } from "../harness/pulumi";
import { JumpCloudClient } from "../provider/client/jumpcloud-client";
import { fullSync } from "../provider/sync/full-sync";
import { type BenchRow, type BenchSuite, row } from "./report";
import { declare, e2eOrg, edgeCount, programSource } from "./resources-programs";

const EDGES = 1_000;
const SUITE = "resources";

function noopProgram(count: number): string {
  return `import { Noop } from ${JSON.stringify(join(repoRoot, "harness", "noop"))};
for (let i = 0; i < ${count}; i++) new Noop(\`noop-\${i}\`, { value: \`value-\${i}\` });
`;
}

async function timed(what: string, run: () => Promise<RunResult>): Promise<number> {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  process.stderr.write(`bench: ${SUITE}: ${what} ${seconds.toFixed(1)} s\n`);
  return seconds;
}

/** Requests by kind, from the emulator's log since the last clear. */
function callsByKind(emulator: EmulatorHandle) {
  let writes = 0;
  let syncs = 0;
  let reads = 0;
  for (const entry of emulator.requestLog()) {
    if (entry.method !== "GET" && !entry.path.startsWith("/api/search/")) writes++;
    else reads++;
    // A sync lists users once: its first page (skip absent or 0) marks one sync, whatever the page count.
    if (entry.route === "GET /api/systemusers" && !/(^|&)skip=[1-9]/.test(entry.query)) syncs++;
  }
  return { writes, syncs, reads, total: writes + reads };
}

async function measure(): Promise<BenchRow[]> {
  const declared = declare({
    memberships: 900,
    setSize: 0,
    groupAssignments: 40,
    userAssignments: 40,
    roles: 20,
    teams: 40,
    apps: 10,
  });
  declared.sets = [];
  if (edgeCount(declared) !== EDGES) throw new Error(`the benchmark program declares ${edgeCount(declared)} edges`);
  const emulator = await startEmulator({ org: e2eOrg(1_000, 40, 10, 8) });
  const projects: PulumiProject[] = [];
  try {
    // A full sync of the same org, for what a refresh costs beyond one sync.
    const client = new JumpCloudClient({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      concurrency: 16,
      requestsPerSecond: 0,
    });
    emulator.clearRequestLog();
    await fullSync(client);
    const syncRequests = emulator.requestLog().length;
    await client.close();

    const floor = await createPulumiProject({ name: "bench-noop", program: noopProgram(EDGES) });
    projects.push(floor);
    const floorUp = await timed("noop up", () => floor.up());
    const floorRefresh = await timed("noop refresh", () => floor.refresh());

    const access = await createPulumiProject({
      name: "bench-resources",
      program: programSource(declared),
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: emulator.apiKey, secret: true },
        "jumpcloud:concurrency": { value: "16" },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
    projects.push(access);
    emulator.clearRequestLog();
    const up = await timed("resources up", () => access.up());
    const upCalls = callsByKind(emulator);
    emulator.clearRequestLog();
    const refresh = await timed("resources refresh", () => access.refresh());
    const refreshCalls = callsByKind(emulator);

    const state = await access.exportState();
    const sizes = (state.deployment.resources as { type: string; outputs?: { __provider?: string } }[])
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/jumpcloud:") && r.outputs?.__provider)
      .map((r) => r.outputs?.__provider?.length ?? 0);
    const providerBytes = Math.max(...sizes);

    return [
      row({
        suite: SUITE,
        case: "up 1,000 edges: wall time",
        value: up,
        unit: "s",
        floor: floorUp,
        floorLabel: "1,000 Noop up",
        target: 1.5,
      }),
      row({
        suite: SUITE,
        case: "refresh 1,000 edges: wall time",
        value: refresh,
        unit: "s",
        floor: floorRefresh,
        floorLabel: "1,000 Noop refresh",
        target: 1.5,
      }),
      row({
        suite: SUITE,
        case: "up: writes",
        value: upCalls.writes,
        unit: "requests",
        floor: EDGES,
        floorLabel: "one per edge",
        target: 1,
      }),
      row({
        suite: SUITE,
        case: "up: full syncs",
        value: upCalls.syncs,
        unit: "syncs",
        target: 1,
        notes: "one engine run (--skip-preview)",
      }),
      row({
        suite: SUITE,
        case: "up: reads besides the sync",
        value: upCalls.total - upCalls.writes - upCalls.syncs * syncRequests,
        unit: "requests",
        notes: "listings that confirm writes are visible, and admin reads for role read-modify-write",
      }),
      row({ suite: SUITE, case: "refresh: full syncs", value: refreshCalls.syncs, unit: "syncs", target: 1 }),
      row({
        suite: SUITE,
        case: "refresh: requests beyond one sync",
        value: refreshCalls.total - syncRequests,
        unit: "requests",
        target: 0,
        notes: `one sync of this org = ${syncRequests} requests`,
      }),
      row({ suite: SUITE, case: "serialized provider in state", value: providerBytes, unit: "bytes", target: 4096 }),
    ];
  } finally {
    for (const p of projects) await p.cleanup();
    await emulator.stop();
  }
}

export const resourcesSuite: BenchSuite = { name: SUITE, run: measure };
