#!/usr/bin/env node
/**
 * `jumpcloud-access`: the command line of pulumi-jumpcloud-access. Each subcommand lives in `cli/commands/<name>.ts`
 * and exports a `Command`; this file only dispatches.
 */
import { commands } from "./commands";
import type { Command } from "./command";
import { packageVersion } from "../provider/version";

function usage(all: readonly Command[]): string {
  const width = Math.max(...all.map((c) => c.name.length));
  const lines = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `jumpcloud-access ${packageVersion} — access-as-code for JumpCloud on Pulumi`,
    "",
    "Usage: jumpcloud-access <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    "  --help, -h     show help (also: jumpcloud-access <command> --help)",
    "  --version, -v  print the version",
    "",
    "Configuration comes from JUMPCLOUD_API_KEY, JUMPCLOUD_ORG_ID and JUMPCLOUD_API_URL.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(`${usage(commands)}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    process.stdout.write(`${packageVersion}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    process.stderr.write(`Unknown command "${first}". Run "jumpcloud-access --help" for the list.\n`);
    return 2;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
