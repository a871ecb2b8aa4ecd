/**
 * Where the client's settings come from: explicit settings (Pulumi config or CLI flags) over environment variables
 * over defaults, validated before any request is sent.
 */
import { type ClientOptions, DEFAULT_TUNING } from "./client/client-options";
import { checkApiKey } from "./client/api-key";
import { ALLOW_NON_JUMPCLOUD_HOST, checkApiUrl } from "./client/api-url";
import { clip, JumpCloudError, redactSecrets, registerSecret } from "./errors";
import { isJumpCloudId } from "./ids";

export type { ClientOptions } from "./client/client-options";
export { DEFAULT_TUNING } from "./client/client-options";

export interface ConnectionSettings {
  apiKey?: string;
  orgId?: string;
  /** A console base URL, or the shorthand "us", "eu" or "in". */
  apiUrl?: string;
  concurrency?: number;
  requestsPerSecond?: number;
  maxAttempts?: number;
  maxRetryWaitMs?: number;
  timeoutMs?: number;
  /** The most items one list may hold; a longer (or longer-announced) list is an error, not a memory spike. */
  maxListItems?: number;
  /** Send the key to an https host outside *.jumpcloud.com (a proxy of your own). Off unless set. */
  allowNonJumpCloudHost?: boolean;
}

/** JumpCloud's consoles by region; the API lives under `/api` on each. */
export const REGION_URLS = {
  us: "https://console.jumpcloud.com",
  eu: "https://console.eu.jumpcloud.com",
  in: "https://console.in.jumpcloud.com",
} as const;

/** The environment variables read, with the setting each one feeds. */
export const ENVIRONMENT_VARIABLES = {
  apiKey: "JUMPCLOUD_API_KEY",
  orgId: "JUMPCLOUD_ORG_ID",
  apiUrl: "JUMPCLOUD_API_URL",
  concurrency: "JUMPCLOUD_CONCURRENCY",
  requestsPerSecond: "JUMPCLOUD_REQUESTS_PER_SECOND",
  maxAttempts: "JUMPCLOUD_MAX_ATTEMPTS",
  maxRetryWaitMs: "JUMPCLOUD_MAX_RETRY_WAIT_MS",
  timeoutMs: "JUMPCLOUD_TIMEOUT_MS",
  maxListItems: "JUMPCLOUD_MAX_LIST_ITEMS",
  /** "1" or "true": allow an https API URL outside *.jumpcloud.com. */
  allowNonJumpCloudHost: ALLOW_NON_JUMPCLOUD_HOST.environment,
  /** Any value but "" or "0": one line per request on stderr (method, path, status, time; never the key). */
  debug: "JUMPCLOUD_DEBUG",
} as const;

type Tuning = "concurrency" | "requestsPerSecond" | "maxAttempts" | "maxRetryWaitMs" | "timeoutMs" | "maxListItems";

/** Settings read from the environment (or given as client options) but not from the stack configuration. */
const ENVIRONMENT_ONLY: ReadonlySet<Tuning> = new Set(["maxListItems"]);

const TUNING_LIMITS: Record<Tuning, { min: number; max: number }> = {
  concurrency: { min: 1, max: 64 },
  // 0 means no cap; otherwise at least MIN_REQUESTS_PER_SECOND.
  requestsPerSecond: { min: 0, max: 10_000 },
  maxAttempts: { min: 1, max: 20 },
  maxRetryWaitMs: { min: 0, max: 3_600_000 },
  timeoutMs: { min: 1, max: 600_000 },
  maxListItems: { min: 1, max: 100_000_000 },
};

/**
 * Merges explicit settings over JUMPCLOUD_API_KEY / JUMPCLOUD_ORG_ID / JUMPCLOUD_API_URL (and the tuning variables),
 * validates them and registers the key as a secret. Throws `invalid_config` naming the setting and how to fix it.
 */
export function resolveClientOptions(
  settings: ConnectionSettings,
  env: NodeJS.ProcessEnv = process.env,
): ClientOptions {
  const apiKey = (settings.apiKey ?? env[ENVIRONMENT_VARIABLES.apiKey] ?? "").trim();
  if (!apiKey) {
    throw new JumpCloudError("invalid_config", "No JumpCloud API key is configured.", {
      hint:
        'Set it with "pulumi config set --secret jumpcloud:apiKey <key>" or the JUMPCLOUD_API_KEY environment ' +
        "variable (create a key in the JumpCloud console under your administrator's API settings).",
    });
  }
  // Checked before it is registered: the refusal never quotes the key, and a very short value registered for
  // redaction would blank its own letters out of the message that explains it.
  checkApiKey(apiKey);
  registerSecret(apiKey);
  const orgId = blankToUndefined(settings.orgId ?? env[ENVIRONMENT_VARIABLES.orgId]);
  if (orgId !== undefined && !isJumpCloudId(orgId)) {
    throw new JumpCloudError("invalid_config", `The JumpCloud organization id "${clip(orgId, 40)}" is malformed.`, {
      hint:
        "An organization id is 24 hexadecimal characters (jumpcloud:orgId or JUMPCLOUD_ORG_ID); the ids a key " +
        "reaches are listed by GET /api/organizations.",
    });
  }
  const allowNonJumpCloudHost =
    settings.allowNonJumpCloudHost ?? isOptIn(env[ENVIRONMENT_VARIABLES.allowNonJumpCloudHost]);
  const options: ClientOptions = {
    apiKey,
    apiUrl: resolveApiUrl(
      blankToUndefined(settings.apiUrl ?? env[ENVIRONMENT_VARIABLES.apiUrl]) ?? "us",
      allowNonJumpCloudHost,
    ),
  };
  if (orgId !== undefined) options.orgId = orgId;
  if (allowNonJumpCloudHost) options.allowNonJumpCloudHost = true;
  for (const name of Object.keys(TUNING_LIMITS) as Tuning[]) {
    options[name] = tuning(name, settings[name], env[ENVIRONMENT_VARIABLES[name]]);
  }
  const debug = env[ENVIRONMENT_VARIABLES.debug];
  if (debug && debug !== "0") options.log = (line) => process.stderr.write(`jumpcloud: ${redactSecrets(line)}\n`);
  return options;
}

/**
 * A region shorthand or a URL. https to a JumpCloud host (*.jumpcloud.com), or this machine (an emulator) over http
 * or https; another host only with `allowNonJumpCloudHost` (see client/api-url.ts).
 */
export function resolveApiUrl(value: string, allowNonJumpCloudHost = false): string {
  const region = REGION_URLS[value.toLowerCase() as keyof typeof REGION_URLS];
  if (region) return region;
  const url = checkApiUrl(value, allowNonJumpCloudHost);
  // People paste the API root from the docs (…/api or …/api/v2); the client adds those itself.
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api(\/v2)?$/, "");
  return `${url.origin}${path}`;
}

/**
 * The slowest rate cap accepted. A cap of 0.0001 requests per second was accepted and made a sync that needs a few
 * hundred requests run for weeks: below one request per second nothing finishes in a useful time.
 */
export const MIN_REQUESTS_PER_SECOND = 1;

/** "1", "true" or "yes" (any case); anything else, unset included, is no. */
function isOptIn(value: string | undefined): boolean {
  return ["1", "true", "yes"].includes(value?.trim().toLowerCase() ?? "");
}

function tuning(name: Tuning, explicit: number | undefined, fromEnv: string | undefined): number {
  const raw = explicit ?? blankToUndefined(fromEnv);
  if (raw === undefined) return DEFAULT_TUNING[name];
  const value = typeof raw === "number" ? raw : Number(raw);
  const { min, max } = TUNING_LIMITS[name];
  if (name === "requestsPerSecond" && !(value === 0 || (value >= MIN_REQUESTS_PER_SECOND && value <= max))) {
    throw new JumpCloudError(
      "invalid_config",
      `The setting requestsPerSecond is ${String(raw).slice(0, 40)}: it must be 0 (no rate cap) or a number from ` +
        `${MIN_REQUESTS_PER_SECOND} to ${max}; below ${MIN_REQUESTS_PER_SECOND} request per second a sync of a large ` +
        "organization would take hours.",
      { hint: `Fix jumpcloud:${name} or the ${ENVIRONMENT_VARIABLES[name]} environment variable.` },
    );
  }
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (name !== "requestsPerSecond" && !Number.isInteger(value))
  ) {
    throw new JumpCloudError(
      "invalid_config",
      `The setting ${name} is ${clip(String(raw), 40)}: it must be a number from ${min} to ${max}.`,
      {
        hint: `Fix ${ENVIRONMENT_ONLY.has(name) ? "" : `jumpcloud:${name} or `}the ${ENVIRONMENT_VARIABLES[name]} environment variable.`,
      },
    );
  }
  return value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
