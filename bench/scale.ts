/**
 * The scale benchmark (`npm run bench -- scale`, issue #14): a whole organization under one `AccessPolicy`.
 *
 * Org: the emulator's synthetic generator at 5,000 users, 200 groups of 50, 50 applications (4 groups and 20 users
 * each), 20 admins; the manifest is its `jumpcloud-access import` (over 11,000 grants). Floor, same run and client
 * settings: a `pulumi up` of an empty program plus one `jumpcloud-access sync` of the org. The empty program is
 * Pulumi's minimal TypeScript program (`pulumi new typescript`: it imports `@pulumi/pulumi` and declares nothing),
 * because every Pulumi program pays for loading and type-checking `@pulumi/pulumi`; a program importing nothing is
 * reported beside it, so the difference is visible. Reported as ratios to the
 * floor: first `up` (all adopted, so writes are reported too; target 0), no-change `preview`, no-change `up` and
 * `refresh`; the state file's size; the JumpCloud requests of a no-change `up` against the requests of one sync.
 *
 * The program under test is a parameter (`scale-programs.ts`). The whole-org case runs the set `AccessPolicy`; a
 * side by side runs the per-grant shape and the set one on the same 1,000 grants, and the set one on 10,000. A
 * program this build cannot run gets a "not available yet" row instead of numbers; the per-grant shape is never run
 * at 10,000 grants (hours). `npm run bench -- scale-small` runs the same steps on a 1,000-user org (100 and 1,000
 * grants), to check the benchmark itself in a few minutes.
 *
 * Client settings: concurrency 16 and no client rate cap for every case, so the engine's own cost shows most; the
 * whole-org case runs a second time with the client as shipped (concurrency 4, 20 requests per second), each with a
 * floor measured with the same settings. The emulator runs in this process with no latency or faults; the engine with
 * its default parallelism.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { generateSyntheticOrg, startEmulator } from "../emulator";
import type { EmulatorHandle, SyntheticOrgOptions } from "../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult, spawnCollected } from "../harness/pulumi";
import { type ImportSelection, importedManifestText, importFromGraph } from "../provider/manifest";
import { loadAccessGraph } from "../provider/review/files/load-graph";
import type { AccessGraph } from "../provider/sync/graph";
import { type BenchRow, type BenchSuite, row } from "./report";
import { perGrantProgram, type ScaleProgram, setAccessPolicyProgram } from "./scale-programs";

interface ScaleConfig {
  suite: string;
  org: SyntheticOrgOptions;
  /** Grant counts of the side by side: per-grant and set at the first, set at the second. */
  sideBySide: [number, number];
}

const FULL: ScaleConfig = {
  suite: "scale",
  org: {
    users: 5_000,
    groups: 200,
    apps: 50,
    admins: 20,
    membersPerGroup: 50,
    groupsPerApp: 4,
    usersPerApp: 20,
    seed: 14,
  },
  sideBySide: [1_000, 10_000],
};

const SMALL: ScaleConfig = {
  suite: "scale-small",
  org: {
    users: 1_000,
    groups: 40,
    apps: 10,
    admins: 4,
    membersPerGroup: 25,
    groupsPerApp: 2,
    usersPerApp: 5,
    seed: 14,
  },
  sideBySide: [100, 1_000],
};

/** Client settings, the same for the floor and the programs of one run. */
interface ClientSettings {
  /** How the report names them. */
  label: string;
  concurrency: number;
  requestsPerSecond: number;
}

/** As fast as the in-process emulator allows: the engine's own cost shows most. The side by side uses these. */
const UNCAPPED: ClientSettings = { label: "", concurrency: 16, requestsPerSecond: 0 };
/** What a user runs without setting anything (README, Configuration): 4 requests in flight, 20 per second. */
const SHIPPED_DEFAULTS: ClientSettings = { label: "shipped client defaults", concurrency: 4, requestsPerSecond: 20 };

const clientEnv = (client: ClientSettings) => ({
  JUMPCLOUD_CONCURRENCY: String(client.concurrency),
  JUMPCLOUD_REQUESTS_PER_SECOND: String(client.requestsPerSecond),
});
const CLI = join(__dirname, "..", "cli", "main.js");

interface Floor {
  seconds: number;
  upSeconds: number;
  /** `up` of a program that imports nothing (not even `@pulumi/pulumi`), for reference. */
  bareUpSeconds: number;
  syncSeconds: number;
  syncRequests: number;
  emptyStateBytes: number;
}

interface Measured {
  grants: number;
  resources: number;
  firstUp: number;
  firstUpWrites: number;
  preview: number;
  up: number;
  upRequests: number;
  refresh: number;
  stateBytes: number;
}

function log(suite: string, text: string): void {
  process.stderr.write(`bench: ${suite}: ${text}\n`);
}

async function timed(suite: string, what: string, run: () => Promise<RunResult>): Promise<number> {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  log(suite, `${what} ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Requests that could change JumpCloud, from the exact per-route counts (the request log keeps only the newest). */
function writeCount(emulator: EmulatorHandle): number {
  return Object.entries(emulator.requestCounts().byRoute)
    .filter(([route]) => !route.startsWith("GET ") && !route.startsWith("POST /api/search/"))
    .reduce((n, [, count]) => n + count, 0);
}

/** The checkpoint the file backend keeps for the project's stack. */
function stateFileBytes(project: PulumiProject): number {
  const root = join(project.dir, ".state", ".pulumi", "stacks");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(`${project.stack}.json`) || file.endsWith(`${project.stack}.json.gz`),
  );
  if (files.length !== 1) throw new Error(`expected one state file under ${root}, found ${files.join(", ") || "none"}`);
  return statSync(join(root, files[0] ?? "")).size;
}

function stackConfig(emulator: EmulatorHandle, client: ClientSettings) {
  return {
    "jumpcloud:apiUrl": { value: emulator.url },
    "jumpcloud:apiKey": { value: emulator.apiKey, secret: true },
    "jumpcloud:concurrency": { value: String(client.concurrency) },
    "jumpcloud:requestsPerSecond": { value: String(client.requestsPerSecond) },
  };
}

/** An empty program's first `up` plus one `jumpcloud-access sync` of the org; the sync's graph is kept for import. */
const EMPTY_PROGRAM = 'import * as pulumi from "@pulumi/pulumi";\n';

async function measureFloor(
  suite: string,
  emulator: EmulatorHandle,
  graphFile: string,
  client: ClientSettings,
): Promise<Floor> {
  const bare = await createPulumiProject({ name: `${suite}-bare`, program: "export {};\n" });
  let bareUpSeconds: number;
  try {
    bareUpSeconds = await timed(suite, "reference: bare program up", () => bare.up());
  } finally {
    await bare.cleanup();
  }
  const empty = await createPulumiProject({ name: `${suite}-empty`, program: EMPTY_PROGRAM });
  try {
    const upSeconds = await timed(suite, "floor: empty program up", () => empty.up());
    const emptyStateBytes = stateFileBytes(empty);
    emulator.clearRequestLog();
    const env = {
      ...process.env,
      ...clientEnv(client),
      JUMPCLOUD_API_URL: emulator.url,
      JUMPCLOUD_API_KEY: emulator.apiKey,
    };
    const syncSeconds = await timed(
      suite,
      "floor: jumpcloud-access sync",
      () =>
        spawnCollected(process.execPath, [CLI, "sync", "--out", graphFile, "--quiet"], { cwd: empty.dir, env }).result,
    );
    const syncRequests = emulator.requestCounts().total;
    return { seconds: upSeconds + syncSeconds, upSeconds, bareUpSeconds, syncSeconds, syncRequests, emptyStateBytes };
  } finally {
    await empty.cleanup();
  }
}

/**
 * Names chosen so the import holds about `target` grants: whole groups in name order while they fit, then whole
 * applications, then admins. Exact names as patterns (the synthetic names hold no pattern characters).
 */
function selectionFor(graph: AccessGraph, target: number): ImportSelection {
  const whole = importFromGraph(graph);
  const chosen = { groups: [] as string[], applications: [] as string[], admins: [] as string[] };
  let count = 0;
  const take = (list: string[], name: string, size: number) => {
    if (count + size > target) return;
    list.push(name);
    count += size;
  };
  for (const g of whole.groups) take(chosen.groups, g.name, g.members.length);
  for (const a of whole.applications) take(chosen.applications, a.label, a.groups.length + a.users.length);
  for (const a of whole.admins) take(chosen.admins, a.email, a.roles.length);
  return chosen;
}

function manifestFor(graph: AccessGraph, selection: ImportSelection): { text: string; grants: number } {
  const imported = importFromGraph(graph, selection);
  const c = imported.counts;
  const text = importedManifestText(imported, [`Imported for the scale benchmark from ${imported.org}.`]);
  return { text, grants: c.memberships + c.groupAssignments + c.userAssignments + c.adminRoles };
}

async function measureProgram(
  suite: string,
  emulator: EmulatorHandle,
  program: ScaleProgram,
  manifest: { text: string; grants: number },
  label: string,
  counts: { groups: number; applications: number; admins: number },
  client: ClientSettings,
): Promise<Measured> {
  emulator.reset();
  const project = await createPulumiProject({
    name: `${suite}-${program.name}`,
    program: program.source(manifest.text),
    config: stackConfig(emulator, client),
  });
  try {
    writeFileSync(join(project.dir, "access.yaml"), manifest.text);
    emulator.clearRequestLog();
    const firstUp = await timed(suite, `${label}: first up`, () => project.up());
    const firstUpWrites = writeCount(emulator);
    const state = await project.exportState();
    const resources = (state.deployment.resources as { type: string }[]).filter(
      (r) => !r.type.startsWith("pulumi:providers:") && r.type !== "pulumi:pulumi:Stack",
    ).length;
    const bound = program.maxResources?.(counts);
    if (bound !== undefined && resources > bound) {
      throw new Error(`${label}: ${resources} resources, more than the ${bound} a ${program.name} may make`);
    }
    const preview = await timed(suite, `${label}: no-change preview`, () => project.preview(["--expect-no-changes"]));
    emulator.clearRequestLog();
    const up = await timed(suite, `${label}: no-change up`, () => project.up(["--expect-no-changes"]));
    const upRequests = emulator.requestCounts().total;
    const refresh = await timed(suite, `${label}: refresh`, () => project.refresh());
    return {
      grants: manifest.grants,
      resources,
      firstUp,
      firstUpWrites,
      preview,
      up,
      upRequests,
      refresh,
      stateBytes: stateFileBytes(project),
    };
  } finally {
    await project.cleanup();
  }
}

function rowsFor(suite: string, label: string, m: Measured, floor: Floor, withTargets: boolean): BenchRow[] {
  const target = (t: number) => (withTargets ? { target: t } : {});
  const time = (what: string, value: number, t: number) =>
    row({
      suite,
      case: `${label}: ${what}`,
      value,
      unit: "s",
      floor: floor.seconds,
      floorLabel: "empty up + sync",
      ...target(t),
    });
  return [
    time("first up", m.firstUp, 2),
    row({
      suite,
      case: `${label}: first up writes`,
      value: m.firstUpWrites,
      unit: "requests",
      target: 0,
      notes: `${m.grants} grants adopted, ${m.resources} resources`,
    }),
    time("no-change preview", m.preview, 1.5),
    time("no-change up", m.up, 1.5),
    time("refresh", m.refresh, 1.5),
    row({
      suite,
      case: `${label}: state file`,
      value: m.stateBytes / 1e6,
      unit: "MB",
      ...target(5),
      notes: `empty stack: ${(floor.emptyStateBytes / 1e3).toFixed(1)} kB`,
    }),
    row({
      suite,
      case: `${label}: requests of a no-change up`,
      value: m.upRequests,
      unit: "requests",
      floor: floor.syncRequests,
      floorLabel: "one sync",
      ...target(1),
    }),
  ];
}

function floorRows(suite: string, floor: Floor, client: ClientSettings): BenchRow[] {
  const prefix = client.label ? `${client.label}: ` : "";
  const settings = `concurrency ${client.concurrency}, ${client.requestsPerSecond || "no"} requests/s cap`;
  return [
    row({
      suite,
      case: `${prefix}floor: empty program up`,
      value: floor.upSeconds,
      unit: "s",
      notes: "imports @pulumi/pulumi, declares nothing",
    }),
    row({
      suite,
      case: `${prefix}reference: bare program up`,
      value: floor.bareUpSeconds,
      unit: "s",
      notes: "imports nothing; not part of the floor",
    }),
    row({
      suite,
      case: `${prefix}floor: jumpcloud-access sync`,
      value: floor.syncSeconds,
      unit: "s",
      notes: `${floor.syncRequests} requests; ${settings}`,
    }),
  ];
}

function skipped(suite: string, label: string, reason: string): BenchRow {
  return { suite, case: label, value: Number.NaN, unit: "", notes: reason };
}

async function runScale(config: ScaleConfig): Promise<BenchRow[]> {
  const { suite } = config;
  const org = generateSyntheticOrg(config.org);
  const emulator = await startEmulator({ org });
  const work = mkdtempSync(join(tmpdir(), `jca-${suite}-`));
  try {
    const floor = await measureFloor(suite, emulator, join(work, "graph.json"), UNCAPPED);
    const rows: BenchRow[] = floorRows(suite, floor, UNCAPPED);
    const graph = await loadAccessGraph(join(work, "graph.json"));
    const counts = {
      groups: graph.groups.length,
      applications: graph.applications.length,
      admins: graph.admins.length,
    };

    const cases: { program: ScaleProgram; grants: number | "all"; withTargets: boolean }[] = [
      { program: setAccessPolicyProgram, grants: "all", withTargets: true },
      { program: perGrantProgram, grants: config.sideBySide[0], withTargets: false },
      { program: setAccessPolicyProgram, grants: config.sideBySide[0], withTargets: false },
      { program: setAccessPolicyProgram, grants: config.sideBySide[1], withTargets: false },
    ];
    for (const { program, grants, withTargets } of cases) {
      const manifest = manifestFor(graph, grants === "all" ? {} : selectionFor(graph, grants));
      const label = `${program.name} @ ${grants === "all" ? "whole org" : grants.toLocaleString("en-US")} (${manifest.grants} grants)`;
      const reason = program.unavailable();
      if (reason !== undefined) {
        log(suite, `${label}: ${reason}`);
        rows.push(skipped(suite, label, reason));
        continue;
      }
      const measured = await measureProgram(suite, emulator, program, manifest, label, counts, UNCAPPED);
      rows.push(...rowsFor(suite, label, measured, floor, withTargets));
      if (grants === "all" && program === setAccessPolicyProgram) {
        // The same whole org with the client as shipped: its own floor, the same targets.
        const client = SHIPPED_DEFAULTS;
        const shippedFloor = await measureFloor(suite, emulator, join(work, "graph-shipped.json"), client);
        rows.push(...floorRows(suite, shippedFloor, client));
        const shipped = await measureProgram(
          suite,
          emulator,
          program,
          manifest,
          `${client.label}: ${label}`,
          counts,
          client,
        );
        rows.push(...rowsFor(suite, `${client.label}: ${label}`, shipped, shippedFloor, true));
      }
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await emulator.stop();
  }
}

export const scaleSuite: BenchSuite = { name: FULL.suite, run: () => runScale(FULL) };
export const scaleSmallSuite: BenchSuite = { name: SMALL.suite, run: () => runScale(SMALL) };
