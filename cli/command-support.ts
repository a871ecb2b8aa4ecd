/**
 * What every `jumpcloud-access` subcommand does the same way: strict flag parsing that turns a bad flag into a usage
 * error, one redacted line per message on stderr, and one exit code per kind of failure so scripts can react (retry
 * on network, page someone on auth).
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { JumpCloudError, type JumpCloudErrorCode, redactSecrets } from "../provider/errors";

export const EXIT_CODES = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  auth: 3,
  permission: 4,
  network: 5,
  data: 6,
} as const;

const CODE_EXIT: Record<JumpCloudErrorCode, number> = {
  invalid_config: EXIT_CODES.usage,
  invalid_input: EXIT_CODES.usage,
  unsupported: EXIT_CODES.usage,
  unauthorized: EXIT_CODES.auth,
  forbidden: EXIT_CODES.permission,
  network: EXIT_CODES.network,
  timeout: EXIT_CODES.network,
  unavailable: EXIT_CODES.network,
  rate_limited: EXIT_CODES.network,
  invalid_response: EXIT_CODES.data,
  incomplete_listing: EXIT_CODES.data,
  not_found: EXIT_CODES.data,
  conflict: EXIT_CODES.data,
  bad_request: EXIT_CODES.data,
};

export function exitCodeFor(error: unknown): number {
  return error instanceof JumpCloudError ? CODE_EXIT[error.code] : EXIT_CODES.unexpected;
}

/** A writer of whole lines to stderr with every registered secret redacted. */
export function sayTo(stderr: { write(text: string): unknown }): (text: string) => void {
  return (text) => stderr.write(`${redactSecrets(text)}\n`);
}

/** Prints the error as one line (never a stack trace) and returns the exit code for its kind. */
export function reportFailure(error: unknown, say: (text: string) => void): number {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  return exitCodeFor(error);
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;
type StrictFlags<O extends FlagOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: O }>
>["values"];

/** Strict parsing (no positionals, no unknown flags); a bad flag is a usage error pointing at `--help`. */
export function parseCommandFlags<O extends FlagOptions>(command: string, args: string[], options: O): StrictFlags<O> {
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    // parseArgs errors quote the offending argument, which may be a key typed in the wrong place.
    const detail = error instanceof Error ? error.message : String(error);
    throw new JumpCloudError("invalid_input", `${command}: ${redactSecrets(detail)}`, {
      hint: `Run "jumpcloud-access ${command} --help" for the options.`,
    });
  }
}
