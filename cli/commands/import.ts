/**
 * `jumpcloud-access import`: writes an `access.yaml` that declares the access an organization has now, from a live
 * sync or a saved graph, so a first `pulumi up` adopts it instead of the user typing it in by hand.
 */
import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { JumpCloudClient } from "../../provider/client/jumpcloud-client";
import { resolveClientOptions } from "../../provider/config";
import { JumpCloudError } from "../../provider/errors";
import { type ImportedManifest, type ImportSelection, importFromGraph } from "../../provider/manifest/from-graph";
import { splitPatterns } from "../../provider/manifest/name-glob";
import { importedManifestText } from "../../provider/manifest/write-manifest";
import { loadAccessGraph } from "../../provider/review/files/load-graph";
import { fullSync } from "../../provider/sync/full-sync";
import type { AccessGraph } from "../../provider/sync/graph";
import type { Command } from "../command";
import { EXIT_CODES, parseCommandFlags, reportFailure, sayTo } from "../command-support";
import {
  CONNECTION_FLAGS,
  CONNECTION_HELP,
  type ConnectionFlags,
  connectionSettings,
  hasConnectionFlags,
} from "../connection-flags";

const HELP = `Usage: jumpcloud-access import [--out access.yaml] [--graph graph.json] [options]

Writes an access manifest (access.yaml) declaring the access the organization has now: the direct members of
static user groups, the groups and users assigned directly to applications, and the roles of admin accounts.
Applied with an AccessPolicy, it adopts that access: the first "pulumi up" changes nothing in JumpCloud.
Dynamic groups are left out (JumpCloud binds their members by rule), and so is anything whose name would not
resolve back to the same object; the file says which in comments, and each is printed as a warning.

Options:
  --out <file>                 where to write the manifest (stdout when omitted or "-"); an existing file is
                               kept unless --force: it may hold expiries, reasons and tickets an import cannot know
  --force                      replace an existing --out file
  --graph <file>               read a saved graph (from "jumpcloud-access sync --out") instead of syncing
  --groups <patterns>          user groups to import, by name
  --applications <patterns>    applications to import, by portal label or connector name
  --admins <patterns>          admin accounts to import, by email
  --exclusive <patterns>       imported groups to mark "exclusive: true" (the manifest then owns the whole group)
  --quiet                      no summary (warnings are still printed)
  --verbose                    one line per request on stderr (never the key)
${CONNECTION_HELP}

Patterns: "*" is any run of characters, "?" one character, case ignored. Each option may be repeated and takes
comma lists ("--groups 'eng-*,ops'"). Without the option every object of the kind is imported; with an empty
value ("--admins ''") none is.

Exit codes: 0 done (warnings included), 2 usage or configuration, 3 authentication, 4 permission, 5 network or
service, 6 inconsistent or unexpected data, 1 anything else.`;

export interface ImportIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

interface Flags extends ConnectionFlags {
  out?: string | undefined;
  force?: boolean | undefined;
  graph?: string | undefined;
  groups?: string[] | undefined;
  applications?: string[] | undefined;
  admins?: string[] | undefined;
  exclusive?: string[] | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  help?: boolean | undefined;
}

function parseFlags(args: string[], env: NodeJS.ProcessEnv): Flags {
  const patterns = { type: "string", multiple: true } as const;
  const flag = { type: "boolean" } as const;
  return parseCommandFlags(
    "import",
    args,
    {
      out: { type: "string", short: "o" },
      force: flag,
      graph: { type: "string" },
      groups: patterns,
      applications: patterns,
      admins: patterns,
      exclusive: patterns,
      quiet: { ...flag, short: "q" },
      verbose: flag,
      help: { ...flag, short: "h" },
      ...CONNECTION_FLAGS,
    },
    env,
  );
}

export async function runImport(args: string[], io: ImportIo): Promise<number> {
  const say = sayTo(io.stderr);
  try {
    const flags = parseFlags(args, io.env);
    if (flags.help) {
      io.stdout.write(`${HELP}\n`);
      return EXIT_CODES.ok;
    }
    const out = flags.out ?? "-";
    // Checked before the sync, so a refused overwrite or a mistyped directory costs no API call.
    if (out !== "-" && !existsSync(dirname(out) || ".")) throw unwritable(out, "ENOENT");
    if (out !== "-" && !flags.force) refuseExisting(out);
    if (flags.graph !== undefined && hasConnectionFlags(flags)) {
      throw new JumpCloudError("invalid_input", "import: --graph reads a saved graph; connection flags do not apply.", {
        hint: "Drop the connection flags, or drop --graph to sync the organization.",
      });
    }
    const graph = flags.graph !== undefined ? await loadAccessGraph(flags.graph) : await liveSync(flags, io, say);
    const selection = selectionFrom(flags);
    const imported = importFromGraph(graph, selection);
    const text = importedManifestText(imported, header(imported, selection));
    if (out === "-") io.stdout.write(text);
    else writeManifest(out, text, flags.force === true);
    for (const remark of imported.remarks) {
      const where = remark.entry === undefined ? remark.section : `${remark.section} ${JSON.stringify(remark.entry)}`;
      if (remark.warn) say(`warning: ${where}: ${remark.text}`);
    }
    if (!flags.quiet) say(summary(imported, out));
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, say);
  }
}

async function liveSync(flags: Flags, io: ImportIo, say: (text: string) => void): Promise<AccessGraph> {
  const options = resolveClientOptions(connectionSettings("import", flags, say), io.env);
  if (flags.verbose) options.log = (line) => say(`  ${line}`);
  const client = new JumpCloudClient(options);
  try {
    return await fullSync(client);
  } finally {
    await client.close();
  }
}

function selectionFrom(flags: Flags): ImportSelection {
  const patterns = (values: string[] | undefined) => (values === undefined ? undefined : splitPatterns(values));
  return {
    groups: patterns(flags.groups),
    applications: patterns(flags.applications),
    admins: patterns(flags.admins),
    exclusive: patterns(flags.exclusive) ?? [],
  };
}

/** The file's opening comment: where it came from, what was chosen, and what applying and destroying it mean. */
function header(imported: ImportedManifest, selection: ImportSelection): string[] {
  const chosen = (patterns: readonly string[] | undefined, all: string) =>
    patterns === undefined ? all : patterns.length === 0 ? "none" : patterns.map((p) => JSON.stringify(p)).join(", ");
  return [
    `Written by "jumpcloud-access import" from ${imported.org}: the direct access it had when imported.`,
    `Chosen: groups ${chosen(selection.groups, "all static")}; applications ${chosen(selection.applications, "all")}; ` +
      `admins ${chosen(selection.admins, "all")}; exclusive ${chosen(selection.exclusive, "none")}.`,
    "Review it, then apply it with an AccessPolicy: the first `pulumi up` adopts every entry and changes nothing in",
    "JumpCloud. From then on the stack owns this access: `pulumi destroy` revokes it (see the README).",
  ];
}

function refuseExisting(out: string): void {
  if (!existsSync(out)) return;
  throw new JumpCloudError("invalid_input", `import: ${out} exists; it was left as it is.`, {
    hint: "Pass --force to replace it (expiries, reasons and tickets in it are lost), or choose another --out.",
  });
}

/**
 * Written to a temporary file beside the target, then moved into place in one step, so a failure never leaves half
 * a manifest. Without --force the move is a hard link, which fails rather than replace a file created meanwhile.
 */
function writeManifest(out: string, text: string, force: boolean): void {
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
  } catch (error) {
    throw unwritable(out, (error as { code?: string }).code);
  }
  try {
    if (force) renameSync(temporary, out);
    else linkSync(temporary, out);
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") refuseExisting(out);
    throw unwritable(out, (error as { code?: string }).code);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function unwritable(out: string, code: string | undefined): JumpCloudError {
  return new JumpCloudError("invalid_input", `Cannot write the manifest to ${out} (${code ?? "unwritable"}).`, {
    hint: "Check that the directory exists and is writable, or pass another --out.",
  });
}

function summary(imported: ImportedManifest, out: string): string {
  const c = imported.counts;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const warnings = imported.remarks.filter((r) => r.warn).length;
  return (
    `Imported "${imported.org}": ${plural(imported.groups.length, "group")} (${plural(c.memberships, "membership")}), ` +
    `${plural(imported.applications.length, "application")} (${plural(c.groupAssignments, "group assignment")}, ` +
    `${plural(c.userAssignments, "user assignment")}), ${plural(imported.admins.length, "admin")} ` +
    `(${plural(c.adminRoles, "role")}); ${plural(warnings, "warning")}. Wrote ${out === "-" ? "stdout" : out}.`
  );
}

export const importCommand: Command = {
  name: "import",
  summary: "write an access.yaml declaring the access the organization has now",
  run: (args) => runImport(args, { stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
