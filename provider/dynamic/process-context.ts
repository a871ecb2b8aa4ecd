import { JumpCloudClient } from "../client/jumpcloud-client";
import { type ConnectionSettings, resolveClientOptions } from "../config";
import { JumpCloudError } from "../errors";
import { clientAccessApi } from "../resources/client-access-api";
import { type ResourceContext, createResourceContext } from "../resources/context";

/**
 * The state of one provider process: the stack configuration the engine hands to `configure()`, and the resource
 * context built from it. Nothing else in the package keeps process-wide state; the kinds get this context injected.
 */

/** The stack configuration handed to `configure()`, secrets decrypted. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;

/** Called by the engine once per provider text per process with the whole stack configuration. */
export async function configure(config: ConfigSource): Promise<void> {
  stackConfig = config;
}

/** The stack configuration from `configure()`, if the engine called it (older engines do not). */
export function currentStackConfig(): ConfigSource | undefined {
  return stackConfig;
}

const NUMERIC = [
  "concurrency",
  "requestsPerSecond",
  "maxAttempts",
  "maxRetryWaitMs",
  "timeoutMs",
  "maxListItems",
] as const;

/**
 * The connection settings from the stack configuration (`jumpcloud:*`). Anything not set there falls back to the
 * environment (JUMPCLOUD_API_KEY, JUMPCLOUD_ORG_ID, JUMPCLOUD_API_URL, ...) in `resolveClientOptions`.
 */
export function settingsFromConfig(config: ConfigSource | undefined): ConnectionSettings {
  const get = (key: string) => {
    const value = config?.get(`jumpcloud:${key}`)?.trim();
    return value ? value : undefined;
  };
  const settings: ConnectionSettings = {};
  const apiKey = get("apiKey");
  const orgId = get("orgId");
  const apiUrl = get("apiUrl");
  if (apiKey !== undefined) settings.apiKey = apiKey;
  if (orgId !== undefined) settings.orgId = orgId;
  if (apiUrl !== undefined) settings.apiUrl = apiUrl;
  for (const key of NUMERIC) {
    const raw = get(key);
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      throw new JumpCloudError(
        "invalid_config",
        `The stack setting jumpcloud:${key} is "${raw.slice(0, 40)}", not a number.`,
        {
          hint: `Fix it with "pulumi config set jumpcloud:${key} <number>", or remove it to use the default.`,
        },
      );
    }
    settings[key] = value;
  }
  const allowHost = get("allowNonJumpCloudHost");
  if (allowHost !== undefined) {
    if (allowHost !== "true" && allowHost !== "false") {
      throw new JumpCloudError(
        "invalid_config",
        `The stack setting jumpcloud:allowNonJumpCloudHost is "${allowHost.slice(0, 40)}", not true or false.`,
        { hint: 'Fix it with "pulumi config set jumpcloud:allowNonJumpCloudHost true", or remove it.' },
      );
    }
    settings.allowNonJumpCloudHost = allowHost === "true";
  }
  return settings;
}

let shared: ResourceContext | undefined;

/**
 * The context of this provider process, built on first use from the configuration the engine passed to
 * `configure()` (which always runs before any resource method). One client and one sync per organization.
 */
export function stackContext(): ResourceContext {
  if (!shared) {
    const settings = settingsFromConfig(currentStackConfig());
    shared = createResourceContext({
      apiFor: (orgId) =>
        clientAccessApi(new JumpCloudClient(resolveClientOptions(orgId ? { ...settings, orgId } : settings))),
    });
  }
  return shared;
}
