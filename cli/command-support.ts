/**
 * What every `jumpcloud-access` subcommand does the same way: strict flag parsing that turns a bad flag into a usage
 * error, one redacted line per message on stderr, and one exit code per kind of failure so scripts can react (retry
 * on network, page someone on auth).
 */
import { readFileSync } from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { ENVIRONMENT_VARIABLES } from "../provider/config";
import { JumpCloudError, type JumpCloudErrorCode, redactSecrets, registerSecret } from "../provider/errors";

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

/**
 * Registers, for redaction, every value on this command line that may be an API key: the environment's, the value
 * of `--api-key` and the content of `--api-key-file`. Runs before the flags are parsed, so that no message (a usage
 * error included) can quote a key that the command was given.
 */
export function registerKeysOf(args: string[], env: NodeJS.ProcessEnv): void {
  const register = (value: string | undefined) => {
    registerSecret(value);
    registerSecret(value?.trim());
  };
  register(env[ENVIRONMENT_VARIABLES.apiKey]);
  for (const [index, arg] of args.entries()) {
    const next = args[index + 1];
    const value = (flag: string) =>
      arg === flag && next !== undefined && !next.startsWith("-")
        ? next
        : arg.startsWith(`${flag}=`)
          ? arg.slice(flag.length + 1)
          : undefined;
    register(value("--api-key"));
    const file = value("--api-key-file");
    if (file === undefined) continue;
    try {
      register(readFileSync(file, "utf8"));
    } catch {
      // Reported, without the content, when the flags are applied.
    }
  }
}

/**
 * Strict parsing (no positionals, no unknown flags); a bad flag is a usage error pointing at `--help`. The key
 * candidates of `env` and `args` are registered for redaction first.
 */
export function parseCommandFlags<O extends FlagOptions>(
  command: string,
  args: string[],
  options: O,
  env: NodeJS.ProcessEnv,
): StrictFlags<O> {
  registerKeysOf(args, env);
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    // A stray argument is the likeliest place for a pasted key that nothing else names: never quote it.
    if ((error as { code?: unknown }).code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, options, tokens: true });
      const position = (tokens.find((token) => token.kind === "positional")?.index ?? -1) + 1;
      throw new JumpCloudError(
        "invalid_input",
        `${command}: unexpected argument${position > 0 ? ` #${position}` : ""} (not shown, in case it is a key): this command takes only options.`,
        {
          hint:
            `Give the API key in ${ENVIRONMENT_VARIABLES.apiKey} or with --api-key-file; run "jumpcloud-access ` +
            `${command} --help" for the options.`,
        },
      );
    }
    // Other parse errors quote the offending option, which may be a key typed in the wrong place.
    const detail = error instanceof Error ? error.message : String(error);
    throw new JumpCloudError("invalid_input", `${command}: ${redactSecrets(detail)}`, {
      hint: `Run "jumpcloud-access ${command} --help" for the options.`,
    });
  }
}
