/**
 * One error class for everything this package reports to people. `code` is machine-readable; `message` says what
 * failed and on which object; `hint` says what to do next. Messages never contain the API key: the client redacts
 * it before an error is built, and `redactSecrets` is applied again here as a second line of defence.
 */

export type JumpCloudErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "bad_request"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "network"
  | "invalid_response"
  | "incomplete_listing"
  | "invalid_input"
  | "invalid_config"
  | "unsupported";

export class JumpCloudError extends Error {
  override readonly name = "JumpCloudError";
  readonly code: JumpCloudErrorCode;
  readonly hint: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number | undefined;

  constructor(
    code: JumpCloudErrorCode,
    message: string,
    details: { hint?: string; method?: string; path?: string; status?: number; cause?: unknown } = {},
  ) {
    const full = details.hint ? `${message} ${details.hint}` : message;
    super(redactSecrets(full), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.hint = details.hint === undefined ? undefined : redactSecrets(details.hint);
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
  }
}

const secrets = new Set<string>();

/**
 * Registers a value (the API key) that must never appear in a message this package produces. Any length counts: a
 * key too short to be real is refused by the configuration checks, but it may still be quoted before that happens.
 */
export function registerSecret(value: string | undefined): void {
  if (value) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  // Longest first, so that a registered value containing another one is redacted whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("[redacted]");
  return out;
}

/**
 * Quotes outside text (a server message, a header, a value the user typed) in at most `max` characters. Redacts
 * before cutting: cut first, a key split at the cut would no longer match and its prefix would be shown.
 */
export function clip(text: string, max: number): string {
  return redactSecrets(text).slice(0, max);
}
