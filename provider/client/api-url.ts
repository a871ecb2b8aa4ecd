import { clip, JumpCloudError } from "../errors";

/** The opt-in that lifts the host rule below, as a client option and as an environment variable. */
export const ALLOW_NON_JUMPCLOUD_HOST = {
  option: "allowNonJumpCloudHost",
  environment: "JUMPCLOUD_ALLOW_NON_JUMPCLOUD_HOST",
} as const;

export function isLoopback(hostname: string): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** JumpCloud's consoles (console.jumpcloud.com, console.eu.jumpcloud.com, ...). */
export function isJumpCloudHost(hostname: string): boolean {
  return hostname.endsWith(".jumpcloud.com");
}

/**
 * Where the API key may be sent. It travels in every request, so: https to a JumpCloud host, or this machine (an
 * emulator, over http or https). Any other https host (a corporate egress proxy, a recorded-API double) only when
 * the caller opts in explicitly with `allowNonJumpCloudHost`; plain http to another machine never.
 */
export function checkApiUrl(apiUrl: string, allowNonJumpCloudHost = false): URL {
  const url = URL.canParse(apiUrl) ? new URL(apiUrl) : undefined;
  if (!url) {
    throw new JumpCloudError("invalid_config", `The JumpCloud API URL "${clip(apiUrl, 100)}" is not a URL.`, {
      hint: 'Use "us", "eu", "in" or a full URL such as https://console.eu.jumpcloud.com (jumpcloud:apiUrl or JUMPCLOUD_API_URL).',
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new JumpCloudError(
      "invalid_config",
      "The JumpCloud API URL must not carry credentials, a query or a fragment.",
      { hint: "Give only the console address, e.g. https://console.jumpcloud.com." },
    );
  }
  const origin = clip(url.origin, 100);
  if (isLoopback(url.hostname)) {
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } else if (url.protocol !== "https:") {
    throw new JumpCloudError("invalid_config", `The JumpCloud API URL ${origin} does not use https.`, {
      hint: "The API key travels in every request: use https (plain http is accepted only for a local emulator on localhost).",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new JumpCloudError("invalid_config", `The JumpCloud API URL ${origin} is not an http(s) URL.`, {
      hint: "Use https://console.jumpcloud.com or your region's console.",
    });
  }
  if (!isJumpCloudHost(url.hostname) && !allowNonJumpCloudHost) {
    throw new JumpCloudError(
      "invalid_config",
      `The JumpCloud API URL ${origin} is not a JumpCloud host (*.jumpcloud.com): the API key is not sent there.`,
      {
        hint:
          `If this host really is the way to JumpCloud (a proxy you run), opt in with ${ALLOW_NON_JUMPCLOUD_HOST.environment}=1 ` +
          `(or ${ALLOW_NON_JUMPCLOUD_HOST.option}: true in the client options); otherwise use "us", "eu" or "in".`,
      },
    );
  }
  return url;
}
