/**
 * The emulator's own benchmark: how fast it serves 100-item list pages and graph writes, and what the 50,000-user org
 * costs to build. Throughput is reported as time per request against a floor measured in the same run: a bare
 * node:http server (separate process, same load generator) answering the same 100-item page bytes, or 204 to a POST.
 * The last rows put the emulator's capacity beside the sync benchmark's demand (16 requests in flight, 20 ms latency
 * each: at most 800 requests/s), so a reader sees at once whether the emulator could be the sync's bottleneck.
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
      const members = await drive(emulator, REQUESTS, IN_FLIGHT, (i) => ({
        method: "GET",
        path: membersPath(i),
        expect: [200],
      }));
      // Writes: add then remove 1,500 distinct (group, user) edges. A synthetic group may already hold the user (about
      // one pair in a thousand); that add answers 409, which costs the emulator the same lookups.
      const write = (i: number) => {
        const pair = Math.floor(i / 2);
        const group = groups[pair % groups.length]!.id;
        const user = users[Math.floor(pair / groups.length) % users.length]!._id;
        return {
          method: "POST" as const,
          path: `/api/v2/usergroups/${group}/members`,
          body: JSON.stringify({ op: i % 2 === 0 ? "add" : "remove", type: "user", id: user }),
          expect: i % 2 === 0 ? [204, 409] : [204],
        };
      };
      const floorWrite = await drive(bare, REQUESTS, IN_FLIGHT, write);
      const writes = await drive(emulator, REQUESTS, IN_FLIGHT, write);
      const perSecond = (us: number) => Math.round(1e6 / us);
      const capacity = perSecond(list);
      const demand = (SYNC_IN_FLIGHT * 1000) / SYNC_LATENCY_MS;
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
          notes: `${capacity} req/s vs floor ${perSecond(floorList)} req/s; page ${bytes.length} bytes`,
        }),
        row({
          suite: SUITE,
          case: `GET /api/v2/usergroups/{id}/members?limit=100 (${IN_FLIGHT} in flight)`,
          value: members,
          unit: "µs/request",
          floor: floorList,
          floorLabel: "bare node:http, systemusers page bytes",
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
          case: `sync demand (${SYNC_IN_FLIGHT} in flight × ${SYNC_LATENCY_MS} ms latency) vs list-page capacity`,
          value: demand,
          unit: "req/s",
          floor: capacity,
          floorLabel: "emulator list-page capacity",
          target: 0.5,
          notes: "ratio < 1: the emulator is not the bottleneck of the sync benchmarks",
        }),
      ];
    } finally {
      await bare.stop();
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
