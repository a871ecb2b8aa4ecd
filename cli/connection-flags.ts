/**
 * The flags that say which organization to read and how hard to push it, for commands that sync: the same names,
 * environment variables and checks as `jumpcloud-access sync`, so a script can switch commands without relearning
 * them.
 */
import { readFileSync } from "node:fs";
import type { ConnectionSettings } from "../provider/config";
import { clip, JumpCloudError, registerSecret } from "../provider/errors";

const text = { type: "string" } as const;

/** `parseArgs` options; spread them into a command's own. */
export const CONNECTION_FLAGS = {
  "api-url": text,
  "org-id": text,
  "api-key": text,
  "api-key-file": text,
  concurrency: text,
  "requests-per-second": text,
  "timeout-ms": text,
} as const;

export const CONNECTION_HELP = `  --api-url <url>              "us" (default), "eu", "in" or a URL      [JUMPCLOUD_API_URL]
  --org-id <id>                organization, required for MSP keys     [JUMPCLOUD_ORG_ID]
  --api-key-file <file>        read the API key from a file            [JUMPCLOUD_API_KEY]
  --api-key <key>              discouraged: visible in the process list and shell history
  --concurrency <n>            requests in flight (default 4)          [JUMPCLOUD_CONCURRENCY]
  --requests-per-second <n>    rate cap, 0 for none, else >= 1 (default 20) [JUMPCLOUD_REQUESTS_PER_SECOND]
  --timeout-ms <n>             per request (default 30000)             [JUMPCLOUD_TIMEOUT_MS]`;

export interface ConnectionFlags {
  "api-url"?: string | undefined;
  "org-id"?: string | undefined;
  "api-key"?: string | undefined;
  "api-key-file"?: string | undefined;
  concurrency?: string | undefined;
  "requests-per-second"?: string | undefined;
  "timeout-ms"?: string | undefined;
}

/** Whether any connection flag was given (a command reading a saved graph refuses them rather than ignore them). */
export function hasConnectionFlags(flags: ConnectionFlags): boolean {
  return Object.keys(CONNECTION_FLAGS).some((name) => flags[name as keyof ConnectionFlags] !== undefined);
}

/** The settings the flags give; environment variables and defaults are merged later by `resolveClientOptions`. */
export function connectionSettings(
  command: string,
  flags: ConnectionFlags,
  say: (text: string) => void,
): ConnectionSettings {
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
  const number = (name: keyof ConnectionFlags): number | undefined => {
    const value = flags[name];
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) {
      throw new JumpCloudError("invalid_input", `${command}: --${name} must be a number, got "${clip(value, 20)}".`);
    }
    return n;
  };
  const concurrency = number("concurrency");
  const rate = number("requests-per-second");
  const timeout = number("timeout-ms");
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
