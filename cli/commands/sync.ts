/**
 * `jumpcloud-access sync`: reads the whole organization and writes its access graph as JSON. Configuration comes
 * from JUMPCLOUD_API_KEY / JUMPCLOUD_ORG_ID / JUMPCLOUD_API_URL (and the tuning variables), or from flags.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { JumpCloudClient } from "../../provider/client/jumpcloud-client";
import { type ConnectionSettings, resolveClientOptions } from "../../provider/config";
import { clip, JumpCloudError, registerSecret } from "../../provider/errors";
import { fullSync } from "../../provider/sync/full-sync";
import type { AccessGraph } from "../../provider/sync/graph";
import { graphJsonChunks } from "../../provider/sync/graph-json";
import type { Command } from "../command";
import { EXIT_CODES, parseCommandFlags, reportFailure, sayTo } from "../command-support";

export { EXIT_CODES as SYNC_EXIT_CODES };

const HELP = `Usage: jumpcloud-access sync [--out graph.json] [options]

Reads users, administrators, roles, user groups, applications, memberships and assignments, and writes the access
graph as JSON (to stdout when --out is omitted or "-").

Options:
  --out <file>                 where to write the graph
  --api-url <url>              "us" (default), "eu", "in" or a URL      [JUMPCLOUD_API_URL]
  --org-id <id>                organization, required for MSP keys     [JUMPCLOUD_ORG_ID]
  --api-key-file <file>        read the API key from a file            [JUMPCLOUD_API_KEY]
  --api-key <key>              discouraged: visible in the process list and shell history
  --concurrency <n>            requests in flight (default 4)          [JUMPCLOUD_CONCURRENCY]
  --requests-per-second <n>    rate cap, 0 for none, else >= 1 (default 20) [JUMPCLOUD_REQUESTS_PER_SECOND]
  --timeout-ms <n>             per request (default 30000)             [JUMPCLOUD_TIMEOUT_MS]
  --quiet                      no progress and no summary
  --verbose                    one line per request on stderr (never the key)

Exit codes: 0 done, 2 usage or configuration, 3 authentication, 4 permission, 5 network or service,
6 inconsistent or unexpected data, 1 anything else.`;

export interface SyncIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export async function runSync(args: string[], io: SyncIo): Promise<number> {
  const say = sayTo(io.stderr);
  let client: JumpCloudClient | undefined;
  let target: Output | undefined;
  try {
    const parsed = parseFlags(args, io.env);
    if (parsed.help) {
      io.stdout.write(`${HELP}\n`);
      return EXIT_CODES.ok;
    }
    const settings = settingsFrom(parsed, say);
    const quiet = parsed.quiet === true;
    const options = resolveClientOptions(settings, io.env);
    if (parsed.verbose) options.log = (line) => say(`  ${line}`);
    const out = parsed.out ?? "-";
    // Opened before the sync: a sync of a large organization takes minutes, and an unwritable --out found only
    // afterwards would throw its result away.
    target = openOutput(out);
    client = new JumpCloudClient(options);
    const progress = !quiet && io.stderr.isTTY === true ? progressLine(io.stderr) : undefined;
    const graph = await fullSync(client, progress ? { onProgress: progress.update } : {});
    progress?.clear();
    writeGraph(graph, target, io.stdout);
    target = undefined;
    if (!quiet) say(summary(graph, out));
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, say);
  } finally {
    if (target) abandonOutput(target);
    await client?.close();
  }
}

/** Where the graph goes: stdout, or a file opened (not yet truncated) before the sync. */
type Output = { kind: "stdout" } | { kind: "file"; fd: number; path: string; created: boolean };

/**
 * Opens `--out` for writing without changing it: append mode creates a missing file and fails at once on a
 * missing directory, a path under a file, a directory or a read-only file, while an existing graph stays intact
 * until the new one is ready.
 */
function openOutput(out: string): Output {
  if (out === "-") return { kind: "stdout" };
  const existed = existsSync(out);
  try {
    return { kind: "file", fd: openSync(out, "a"), path: out, created: !existed };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unwritable";
    throw new JumpCloudError("invalid_input", `Cannot write the graph to ${out} (${code}).`, {
      hint: "Check that the directory exists and is writable, or pass another --out.",
    });
  }
}

/** The sync failed: keep a previous graph as it was, and remove a file this run created empty. */
function abandonOutput(output: Output): void {
  if (output.kind === "stdout") return;
  closeSync(output.fd);
  if (output.created) {
    try {
      unlinkSync(output.path);
    } catch {
      // Already gone, or replaced by something that is not ours to remove.
    }
  }
}

/** Streams the graph (see graph-json.ts) to stdout or into the file opened before the sync. */
function writeGraph(graph: AccessGraph, output: Output, stdout: SyncIo["stdout"]): void {
  if (output.kind === "stdout") {
    for (const chunk of graphJsonChunks(graph)) stdout.write(chunk);
    return;
  }
  try {
    // A regular file is emptied first (writes in append mode then start at 0); a pipe or device is written as is.
    if (fstatSync(output.fd).isFile()) ftruncateSync(output.fd, 0);
    for (const chunk of graphJsonChunks(graph)) writeSync(output.fd, chunk);
  } finally {
    closeSync(output.fd);
  }
}

interface Flags {
  out?: string | undefined;
  "api-url"?: string | undefined;
  "org-id"?: string | undefined;
  "api-key"?: string | undefined;
  "api-key-file"?: string | undefined;
  concurrency?: string | undefined;
  "requests-per-second"?: string | undefined;
  "timeout-ms"?: string | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  help?: boolean | undefined;
}

function parseFlags(args: string[], env: NodeJS.ProcessEnv): Flags {
  const text = { type: "string" } as const;
  const flag = { type: "boolean" } as const;
  return parseCommandFlags(
    "sync",
    args,
    {
      out: { ...text, short: "o" },
      "api-url": text,
      "org-id": text,
      "api-key": text,
      "api-key-file": text,
      concurrency: text,
      "requests-per-second": text,
      "timeout-ms": text,
      quiet: { ...flag, short: "q" },
      verbose: flag,
      help: { ...flag, short: "h" },
    },
    env,
  );
}

function settingsFrom(flags: Flags, say: (text: string) => void): ConnectionSettings {
  const settings: ConnectionSettings = {};
  if (flags["api-key"] !== undefined) {
    registerSecret(flags["api-key"]);
    say(
      "warning: an API key given with --api-key is visible in the process list and shell history; " +
        "prefer JUMPCLOUD_API_KEY or --api-key-file.",
    );
    settings.apiKey = flags["api-key"];
  }
  if (flags["api-key-file"] !== undefined) settings.apiKey = readKeyFile(flags["api-key-file"]);
  if (flags["api-url"] !== undefined) settings.apiUrl = flags["api-url"];
  if (flags["org-id"] !== undefined) settings.orgId = flags["org-id"];
  const number = (name: keyof Flags, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) {
      throw new JumpCloudError("invalid_input", `sync: --${name} must be a number, got "${clip(value, 20)}".`);
    }
    return n;
  };
  const concurrency = number("concurrency", flags.concurrency);
  const rate = number("requests-per-second", flags["requests-per-second"]);
  const timeout = number("timeout-ms", flags["timeout-ms"]);
  if (concurrency !== undefined) settings.concurrency = concurrency;
  if (rate !== undefined) settings.requestsPerSecond = rate;
  if (timeout !== undefined) settings.timeoutMs = timeout;
  return settings;
}

function readKeyFile(path: string): string {
  try {
    const key = readFileSync(path, "utf8").trim();
    registerSecret(key);
    return key;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new JumpCloudError("invalid_config", `Cannot read the API key file ${path} (${code}).`, {
      hint: "Check the path and its permissions, or set JUMPCLOUD_API_KEY instead.",
    });
  }
}

/** "sync: 12/40 pages" rewritten in place at most every 100 ms; only used when stderr is a terminal. */
function progressLine(stderr: { write(text: string): unknown }) {
  let last = 0;
  return {
    update: (done: number, known: number) => {
      const now = Date.now();
      if (now - last < 100 && done < known) return;
      last = now;
      stderr.write(`\rsync: ${done}/${known} pages`);
    },
    clear: () => stderr.write("\r\x1b[K"),
  };
}

function summary(graph: AccessGraph, out: string): string {
  const org = graph.org.name ? `"${graph.org.name}"` : (graph.org.id ?? graph.org.apiUrl);
  const s = graph.sync;
  const took = s ? `; ${s.requests} requests (${s.retries} retries) in ${(s.durationMs / 1000).toFixed(1)} s` : "";
  return (
    `Synced ${org}: ${graph.users.length} users, ${graph.admins.length} admins, ${graph.roles.length} roles, ` +
    `${graph.groups.length} groups, ${graph.applications.length} applications; ${graph.memberships.length} memberships, ` +
    `${graph.applicationAssignments.length} assignments, ${graph.adminRoles.length} admin roles, ` +
    `${graph.effectiveAccess.length} effective accesses${took}. Wrote ${out === "-" ? "stdout" : out}.`
  );
}

export const syncCommand: Command = {
  name: "sync",
  summary: "read the whole organization and write its access graph as JSON",
  run: (args) => runSync(args, { stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
