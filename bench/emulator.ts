/**
 * The emulator's own benchmark: how fast it serves 100-item list pages and graph writes, and what the 50,000-user org
 * costs to build. Throughput is reported as time per request against a floor measured in the same run: a bare
 * node:http server (separate process, same load generator) answering the same 100-item page bytes, or 204 to a POST.
 * The last row serves the same pages under the sync benchmark's conditions (20 ms latency, 16 in flight) against a bare
 * server that waits the same 20 ms, and notes the ideal rate (16 / 20 ms = 800 requests/s) beside the emulator's
 * capacity without latency, so a reader sees at once whether the emulator could be the sync's bottleneck.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "undici";
import type { EmulatorOptions, SyntheticOrgOptions } from "../emulator/types";
import { type BenchRow, type BenchSuite, row } from "./report";

const SUITE = "emulator";
const ORG: SyntheticOrgOptions = {
  users: 50_000,
  groups: 5_000,
  apps: 100,
  admins: 20,
  membersPerGroup: 50,
  groupsPerApp: 5,
  usersPerApp: 10,
  seed: 1,
};
const IN_FLIGHT = 8;
const REQUESTS = 3_000;
const SYNC_IN_FLIGHT = 16;
const SYNC_LATENCY_MS = 20;

interface Server {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

async function startChild(spec: unknown): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, "emulator-child.js"), JSON.stringify(spec)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const end = buffer.indexOf("\n");
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    child.on("exit", (code) => reject(new Error(`the benchmark server exited with ${code} before it started`)));
  });
  const { url, apiKey } = JSON.parse(line) as { url: string; apiKey: string };
  return {
    url,
    apiKey,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin?.end();
      }),
  };
}

/** Runs `total` requests, `inFlight` at a time over keep-alive connections; returns microseconds per request. */
async function drive(
  server: Server,
  total: number,
  inFlight: number,
  request: (i: number) => { method: "GET" | "POST"; path: string; body?: string; expect: number[] },
): Promise<number> {
  const pool = new Pool(server.url, { connections: inFlight, pipelining: 1 });
  const headers = { "x-api-key": server.apiKey, "content-type": "application/json" };
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const r = request(next++);
      const response = await pool.request({ method: r.method, path: r.path, headers, body: r.body });
      await response.body.arrayBuffer();
      if (!r.expect.includes(response.statusCode)) {
        throw new Error(`${r.method} ${r.path}: expected ${r.expect}, got ${response.statusCode}`);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  return (elapsed * 1000) / total;
}

const ROUNDS = 3;

/** Measures the floor and the emulator alternately, ROUNDS times each, and keeps the medians: the machine is shared. */
async function paired(floor: () => Promise<number>, emulator: () => Promise<number>): Promise<[number, number]> {
  const f: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    f.push(await floor());
    e.push(await emulator());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [median(f), median(e)];
}

async function json(server: Server, path: string): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { headers: { "x-api-key": server.apiKey } });
  return response.json();
}

async function throughput(): Promise<BenchRow[]> {
  const options: EmulatorOptions = { synthetic: ORG };
  const emulator = await startChild({ kind: "emulator", options });
  const dir = mkdtempSync(join(tmpdir(), "emulator-bench-"));
  try {
    const page = await fetch(`${emulator.url}/api/systemusers?limit=100&sort=_id`, {
      headers: { "x-api-key": emulator.apiKey },
    });
    const bodyFile = join(dir, "page.json");
    const bytes = Buffer.from(await page.arrayBuffer());
    writeFileSync(bodyFile, bytes);
    const bare = await startChild({ kind: "bare", bodyFile });
    const groups = (await json(emulator, "/api/v2/usergroups?limit=100")) as { id: string }[];
    const membersFile = join(dir, "members.json");
    const membersPage = await fetch(`${emulator.url}/api/v2/usergroups/${groups[0]!.id}/members?limit=100`, {
      headers: { "x-api-key": emulator.apiKey },
    });
    writeFileSync(membersFile, Buffer.from(await membersPage.arrayBuffer()));
    const bareMembers = await startChild({ kind: "bare", bodyFile: membersFile });
    const users = ((await json(emulator, "/api/systemusers?limit=100&skip=40000")) as { results: { _id: string }[] })
      .results;
    try {
      const listPath = (i: number) => `/api/systemusers?limit=100&skip=${(i % 500) * 100}&sort=_id`;
      // Warm both servers (JIT, the emulator's cached renderings) before measuring.
      await drive(emulator, 600, IN_FLIGHT, (i) => ({ method: "GET", path: listPath(i), expect: [200] }));
      await drive(bare, 600, IN_FLIGHT, (i) => ({ method: "GET", path: listPath(i), expect: [200] }));
      const floorList = await drive(bare, REQUESTS, IN_FLIGHT, (i) => ({
        method: "GET",
        path: listPath(i),
        expect: [200],
      }));
      const list = await drive(emulator, REQUESTS, IN_FLIGHT, (i) => ({
        method: "GET",
        path: listPath(i),
        expect: [200],
      }));
      const membersPath = (i: number) => `/api/v2/usergroups/${groups[i % groups.length]!.id}/members?limit=100`;
      const membersListing = (server: Server) => () =>
        drive(server, REQUESTS, IN_FLIGHT, (i) => ({ method: "GET", path: membersPath(i), expect: [200] }));
      const [floorMembers, members] = await paired(membersListing(bareMembers), membersListing(emulator));
      // Writes: add, then remove, 1,500 distinct (group, user) edges. A synthetic group may already hold the user (about
      // one pair in a thousand); that add answers 409, which costs the emulator the same lookups.
      // Adds first, then the removes of the same pairs: with 8 in flight, a pair's add has long finished before its
      // remove starts, so the order per edge holds.
      const half = REQUESTS / 2;
      const write = (i: number) => {
        const pair = i % half;
        const group = groups[pair % groups.length]!.id;
        const user = users[Math.floor(pair / groups.length) % users.length]!._id;
        const add = i < half;
        return {
          method: "POST" as const,
          path: `/api/v2/usergroups/${group}/members`,
          body: JSON.stringify({ op: add ? "add" : "remove", type: "user", id: user }),
          expect: add ? [204, 409] : [204],
        };
      };
      const [floorWrite, writes] = await paired(
        () => drive(bare, REQUESTS, IN_FLIGHT, write),
        () => drive(emulator, REQUESTS, IN_FLIGHT, write),
      );
      const perSecond = (us: number) => Math.round(1e6 / us);
      // The sync benchmark's conditions: 20 ms latency per request, 16 in flight. The floor is pure latency
      // (20 ms / 16 per request); the ratio shows how much the emulator's own work adds on top.
      await fetch(`${emulator.url}/__emulator/faults`, {
        method: "PUT",
        body: JSON.stringify({ latencyMs: SYNC_LATENCY_MS }),
      });
      const bareSlow = await startChild({ kind: "bare", bodyFile, latencyMs: SYNC_LATENCY_MS });
      const atSyncListing = (server: Server) => () =>
        drive(server, 1_600, SYNC_IN_FLIGHT, (i) => ({ method: "GET", path: listPath(i), expect: [200] }));
      const [slowFloor, atSync] = await paired(atSyncListing(bareSlow), atSyncListing(emulator)).finally(() =>
        bareSlow.stop(),
      );
      const latencyFloor = (SYNC_LATENCY_MS * 1000) / SYNC_IN_FLIGHT;
      const floorLabel = "bare node:http, same bytes";
      return [
        row({
          suite: SUITE,
          case: `GET /api/systemusers 100-item page (${IN_FLIGHT} in flight, 50k-user org)`,
          value: list,
          unit: "µs/request",
          floor: floorList,
          floorLabel,
          target: 4,
          notes: `${perSecond(list)} req/s vs floor ${perSecond(floorList)} req/s; page ${bytes.length} bytes`,
        }),
        row({
          suite: SUITE,
          case: `GET /api/v2/usergroups/{id}/members?limit=100 (${IN_FLIGHT} in flight)`,
          value: members,
          unit: "µs/request",
          floor: floorMembers,
          floorLabel: "bare node:http, same bytes",
          target: 4,
          notes: `${perSecond(members)} req/s`,
        }),
        row({
          suite: SUITE,
          case: `POST /api/v2/usergroups/{id}/members add/remove (${IN_FLIGHT} in flight)`,
          value: writes,
          unit: "µs/request",
          floor: floorWrite,
          floorLabel: "bare node:http answering 204",
          target: 4,
          notes: `${perSecond(writes)} req/s vs floor ${perSecond(floorWrite)} req/s`,
        }),
        row({
          suite: SUITE,
          case: `GET /api/systemusers pages at the sync's ${SYNC_LATENCY_MS} ms latency, ${SYNC_IN_FLIGHT} in flight`,
          value: atSync,
          unit: "µs/request",
          floor: slowFloor,
          floorLabel: `bare node:http waiting ${SYNC_LATENCY_MS} ms, same bytes`,
          target: 1.3,
          notes: `${perSecond(atSync)} req/s vs floor ${perSecond(slowFloor)} req/s; ideal ${perSecond(latencyFloor)} req/s (${SYNC_LATENCY_MS} ms / ${SYNC_IN_FLIGHT}); capacity without latency ${perSecond(list)} req/s`,
        }),
      ];
    } finally {
      await bare.stop();
      await bareMembers.stop();
    }
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function generation(): BenchRow[] {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", join(__dirname, "emulator-generate-child.js"), JSON.stringify(ORG)],
    { encoding: "utf8" },
  );
  const { generateMs, startMs, retained, memberships } = JSON.parse(out) as {
    generateMs: number;
    startMs: number;
    retained: number;
    memberships: number;
  };
  const org = `${ORG.users} users, ${ORG.groups} groups, ${memberships} memberships`;
  return [
    row({ suite: SUITE, case: `generate synthetic org (${org})`, value: generateMs, unit: "ms", target: 3_000 }),
    row({
      suite: SUITE,
      case: "startEmulator with that org (generate + load)",
      value: startMs,
      unit: "ms",
      target: 5_000,
    }),
    row({
      suite: SUITE,
      case: "heap retained by the loaded org (file form + store)",
      value: retained / 1024 / 1024,
      unit: "MiB",
      target: 300,
    }),
  ];
}

export const emulatorSuite: BenchSuite = {
  name: SUITE,
  async run() {
    return [...generation(), ...(await throughput())];
  },
};
