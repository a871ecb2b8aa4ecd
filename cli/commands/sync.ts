/**
 * `jumpcloud-access sync`: reads the whole organization and writes its access graph as JSON. Configuration comes
 * from JUMPCLOUD_API_KEY / JUMPCLOUD_ORG_ID / JUMPCLOUD_API_URL (and the tuning variables), or from flags.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, unlinkSync, writeSync } from "node:fs";
import { JumpCloudClient } from "../../provider/client/jumpcloud-client";
import { resolveClientOptions } from "../../provider/config";
import { JumpCloudError } from "../../provider/errors";
import { fullSync } from "../../provider/sync/full-sync";
import type { AccessGraph } from "../../provider/sync/graph";
import { graphJsonChunks } from "../../provider/sync/graph-json";
import type { Command } from "../command";
import { EXIT_CODES, parseCommandFlags, reportFailure, sayTo } from "../command-support";
import { CONNECTION_FLAGS, CONNECTION_HELP, type ConnectionFlags, connectionSettings } from "../connection-flags";

export { EXIT_CODES as SYNC_EXIT_CODES };

const HELP = `Usage: jumpcloud-access sync [--out graph.json] [options]

Reads users, administrators, roles, user groups, applications, memberships and assignments, and writes the access
graph as JSON (to stdout when --out is omitted or "-").

Options:
  --out <file>                 where to write the graph
${CONNECTION_HELP}
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
    const settings = connectionSettings("sync", parsed, say);
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

interface Flags extends ConnectionFlags {
  out?: string | undefined;
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
      ...CONNECTION_FLAGS,
      quiet: { ...flag, short: "q" },
      verbose: flag,
      help: { ...flag, short: "h" },
    },
    env,
  );
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
