/**
 * `jumpcloud-access emulator`: runs the JumpCloud emulator until SIGINT/SIGTERM, for demos, local runs and users' CI.
 */
import { demoOrgPath, type EmulatorOptions, type FaultSettings, startEmulator } from "../../emulator";
import type { SyntheticOrgOptions } from "../../emulator/types";
import { JumpCloudError } from "../../provider/errors";
import type { Command } from "../command";
import { EXIT_CODES, parseCommandFlags, reportFailure, sayTo } from "../command-support";

const HELP = `Usage: jumpcloud-access emulator [--org FILE | --synthetic k=v,...] [options]

Runs a local JumpCloud emulator (v1/v2 API shapes, in memory) and prints its URL and API key. Without --org or
--synthetic it serves the demo org (Acme Corp). Stops on Ctrl-C or SIGTERM.

Options:
  --port <n>                 port to listen on (default 0: any free port)
  --host <addr>              address to bind (default 127.0.0.1)
  --org <file>               YAML or JSON org file
  --synthetic <k=v,...>      generate an org: users, groups, apps, admins, membersPerGroup, groupsPerApp,
                             usersPerApp, seed (numbers) and distribution (uniform|zipf)
                             e.g. --synthetic users=1000,groups=100,apps=20,admins=5,membersPerGroup=25
  --api-key <key>            the key clients must send (default: a fixed, fake demo key)
  --key-role <role>          the admin role behind the key, e.g. "Read Only" (default Administrator With Billing)
  --msp                      require x-org-id even for a single org
  --clamp-limit              serve 100 items for limit > 100 instead of answering 400
  --latency <ms>             added to every API request
  --rate-limit <n>           token-bucket requests per second (0: none)
  --burst <n>                bucket size (default: the rate)
  --no-retry-after           answer 429 without a Retry-After header
  --error-rate <f>           fraction (0..1) of requests answered 500/502/503
  --reset-rate <f>           fraction (0..1) of connections reset without an answer
  --visibility-delay <ms>    graph writes become visible to reads after this long
  --unstable-graph-order     graph listings start at a different place on every request
  --seed <n>                 seed for the fault dice

Exit codes: 0 stopped, 2 usage, 1 the emulator could not start.`;

export interface EmulatorIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A bad flag or value: exit code 2, with the pointer to --help every subcommand gives. */
const usageError = (message: string) =>
  new JumpCloudError("invalid_input", `emulator: ${message}`, {
    hint: 'Run "jumpcloud-access emulator --help" for the options.',
  });

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw usageError(`--${flag} must be a non-negative number, got "${raw}".`);
  }
  return value;
}

const SYNTHETIC_KEYS = ["users", "groups", "apps", "admins", "membersPerGroup", "groupsPerApp", "usersPerApp", "seed"];

export function parseSynthetic(raw: string): SyntheticOrgOptions {
  const out: Record<string, unknown> = { users: 0, groups: 0, apps: 0, admins: 0, membersPerGroup: 0 };
  for (const pair of raw.split(",").filter(Boolean)) {
    const [key, value] = pair.split("=").map((s) => s.trim());
    if (!key || value === undefined) throw usageError(`--synthetic: expected key=value, got "${pair}".`);
    if (key === "distribution") {
      if (value !== "uniform" && value !== "zipf") {
        throw usageError(`--synthetic: distribution must be uniform or zipf, got "${value}".`);
      }
      out[key] = value;
    } else if (SYNTHETIC_KEYS.includes(key)) {
      if (!/^\d+$/.test(value)) throw usageError(`--synthetic: ${key} must be a whole number, got "${value}".`);
      out[key] = Number(value);
    } else {
      throw usageError(`--synthetic: unknown key "${key}" (known: ${[...SYNTHETIC_KEYS, "distribution"].join(", ")}).`);
    }
  }
  return out as unknown as SyntheticOrgOptions;
}

function optionsFrom(args: string[]): { options: EmulatorOptions; help: boolean } {
  const v = parseCommandFlags("emulator", args, FLAGS, process.env);
  if (v.org !== undefined && v.synthetic !== undefined) throw usageError("Give --org or --synthetic, not both.");
  const faults: Partial<FaultSettings> = {};
  const set = (key: keyof FaultSettings, flag: string, raw: string | undefined) => {
    const value = number(flag, raw);
    if (value !== undefined) (faults as Record<string, number>)[key] = value;
  };
  set("latencyMs", "latency", v.latency);
  set("rateLimitPerSecond", "rate-limit", v["rate-limit"]);
  set("rateLimitBurst", "burst", v.burst);
  set("errorRate", "error-rate", v["error-rate"]);
  set("resetRate", "reset-rate", v["reset-rate"]);
  set("visibilityDelayMs", "visibility-delay", v["visibility-delay"]);
  set("seed", "seed", v.seed);
  if (v["no-retry-after"]) faults.retryAfter = false;
  if (v["unstable-graph-order"]) faults.unstableGraphOrder = true;
  const port = number("port", v.port);
  if (port !== undefined && (!Number.isInteger(port) || port > 65535)) throw usageError("--port must be 0..65535.");
  const options: EmulatorOptions = {
    host: v.host ?? "127.0.0.1",
    port: port ?? 0,
    faults,
    overLimit: v["clamp-limit"] ? "clamp" : "reject",
    msp: v.msp === true,
  };
  if (v["api-key"] !== undefined) options.apiKey = v["api-key"];
  if (v["key-role"] !== undefined) options.keyRole = v["key-role"];
  if (v.synthetic !== undefined) options.synthetic = parseSynthetic(v.synthetic);
  else options.org = v.org ?? demoOrgPath();
  return { options, help: v.help === true };
}

const FLAGS = {
  help: { type: "boolean", short: "h" },
  port: { type: "string" },
  host: { type: "string" },
  org: { type: "string" },
  synthetic: { type: "string" },
  "api-key": { type: "string" },
  "key-role": { type: "string" },
  msp: { type: "boolean" },
  "clamp-limit": { type: "boolean" },
  latency: { type: "string" },
  "rate-limit": { type: "string" },
  burst: { type: "string" },
  "no-retry-after": { type: "boolean" },
  "unstable-graph-order": { type: "boolean" },
  "error-rate": { type: "string" },
  "reset-rate": { type: "string" },
  "visibility-delay": { type: "string" },
  seed: { type: "string" },
} as const;

/** Starts the emulator, prints how to reach it, and resolves with the exit code once `stop` is aborted. */
export async function runEmulator(args: string[], io: EmulatorIo, stop: AbortSignal): Promise<number> {
  const say = sayTo(io.stderr);
  let options: EmulatorOptions;
  try {
    const parsed = optionsFrom(args);
    if (parsed.help) {
      io.stdout.write(`${HELP}\n`);
      return EXIT_CODES.ok;
    }
    options = parsed.options;
  } catch (error) {
    return reportFailure(error, say);
  }
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    // Not a JumpCloud error: the emulator's own (a port in use, an org file it cannot read), so exit code 1.
    return reportFailure(new Error(`Cannot start the emulator: ${(error as Error).message}`, { cause: error }), say);
  }
  const orgs = emulator.orgIds.map((id) => `${emulator.snapshot(id).name} (${id})`).join(", ");
  io.stdout.write(
    [
      `JumpCloud emulator listening on ${emulator.url}`,
      `  JUMPCLOUD_API_URL=${emulator.url}`,
      `  JUMPCLOUD_API_KEY=${emulator.apiKey}`,
      `  orgs: ${orgs}`,
      `  control: ${emulator.url}/__emulator/snapshot`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  if (!stop.aborted)
    await new Promise<void>((resolve) => stop.addEventListener("abort", () => resolve(), { once: true }));
  await emulator.stop();
  io.stdout.write("Emulator stopped.\n");
  return EXIT_CODES.ok;
}

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "run a local JumpCloud emulator (demo org, an org file, or a synthetic org)",
  run(args) {
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    return runEmulator(args, { stdout: process.stdout, stderr: process.stderr }, controller.signal).finally(() => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    });
  },
};
