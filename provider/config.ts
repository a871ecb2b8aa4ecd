/**
 * Where the client's settings come from: explicit settings (Pulumi config or CLI flags) over environment variables
 * over defaults, validated before any request is sent.
 */
import { type ClientOptions, DEFAULT_TUNING } from "./client/client-options";
import { JumpCloudError, redactSecrets, registerSecret } from "./errors";
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
  /** Any value but "" or "0": one line per request on stderr (method, path, status, time; never the key). */
  debug: "JUMPCLOUD_DEBUG",
} as const;

type Tuning = "concurrency" | "requestsPerSecond" | "maxAttempts" | "maxRetryWaitMs" | "timeoutMs";

const TUNING_LIMITS: Record<Tuning, { min: number; max: number }> = {
  concurrency: { min: 1, max: 64 },
  requestsPerSecond: { min: 0, max: 10_000 },
  maxAttempts: { min: 1, max: 20 },
  maxRetryWaitMs: { min: 0, max: 3_600_000 },
  timeoutMs: { min: 1, max: 600_000 },
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
  registerSecret(apiKey);
  if (/\s/.test(apiKey)) {
    throw new JumpCloudError("invalid_config", "The JumpCloud API key contains whitespace.", {
      hint: "Copy the key again without spaces or line breaks (jumpcloud:apiKey or JUMPCLOUD_API_KEY).",
    });
  }
  const orgId = blankToUndefined(settings.orgId ?? env[ENVIRONMENT_VARIABLES.orgId]);
  if (orgId !== undefined && !isJumpCloudId(orgId)) {
    throw new JumpCloudError("invalid_config", `The JumpCloud organization id "${orgId.slice(0, 40)}" is malformed.`, {
      hint:
        "An organization id is 24 hexadecimal characters (jumpcloud:orgId or JUMPCLOUD_ORG_ID); the ids a key " +
        "reaches are listed by GET /api/organizations.",
    });
  }
  const options: ClientOptions = {
    apiKey,
    apiUrl: resolveApiUrl(blankToUndefined(settings.apiUrl ?? env[ENVIRONMENT_VARIABLES.apiUrl]) ?? "us"),
  };
  if (orgId !== undefined) options.orgId = orgId;
  for (const name of Object.keys(TUNING_LIMITS) as Tuning[]) {
    options[name] = tuning(name, settings[name], env[ENVIRONMENT_VARIABLES[name]]);
  }
  const debug = env[ENVIRONMENT_VARIABLES.debug];
  if (debug && debug !== "0") options.log = (line) => process.stderr.write(`jumpcloud: ${redactSecrets(line)}\n`);
  return options;
}

/** A region shorthand or a URL; https only, except plain http to this machine (the emulator). */
export function resolveApiUrl(value: string): string {
  const region = REGION_URLS[value.toLowerCase() as keyof typeof REGION_URLS];
  if (region) return region;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new JumpCloudError("invalid_config", `The JumpCloud API URL "${value.slice(0, 100)}" is not a URL.`, {
      hint: 'Use "us", "eu", "in" or a full URL such as https://console.eu.jumpcloud.com (jumpcloud:apiUrl or JUMPCLOUD_API_URL).',
    });
  }
  const loopback =
    ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new JumpCloudError("invalid_config", `The JumpCloud API URL ${url.origin} does not use https.`, {
      hint: "The API key travels in every request: use https (plain http is accepted only for a local emulator on localhost).",
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new JumpCloudError(
      "invalid_config",
      "The JumpCloud API URL must not carry credentials, a query or a fragment.",
      {
        hint: "Give only the console address, e.g. https://console.jumpcloud.com.",
      },
    );
  }
  // People paste the API root from the docs (…/api or …/api/v2); the client adds those itself.
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api(\/v2)?$/, "");
  return `${url.origin}${path}`;
}

function tuning(name: Tuning, explicit: number | undefined, fromEnv: string | undefined): number {
  const raw = explicit ?? blankToUndefined(fromEnv);
  if (raw === undefined) return DEFAULT_TUNING[name];
  const value = typeof raw === "number" ? raw : Number(raw);
  const { min, max } = TUNING_LIMITS[name];
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (name !== "requestsPerSecond" && !Number.isInteger(value))
  ) {
    throw new JumpCloudError(
      "invalid_config",
      `The setting ${name} is ${String(raw).slice(0, 40)}: it must be a number from ${min} to ${max}.`,
      {
        hint: `Fix jumpcloud:${name} or the ${ENVIRONMENT_VARIABLES[name]} environment variable.`,
      },
    );
  }
  return value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
