import { clip, JumpCloudError } from "../errors";

/** What the failed request was, for messages. Never holds headers: the key lives there. */
export interface RequestDescription {
  method: string;
  path: string;
}

const KEY_HINT =
  'Check the key set with "pulumi config set --secret jumpcloud:apiKey <key>" or the JUMPCLOUD_API_KEY environment ' +
  "variable. A multi-tenant (MSP) key must also name the organization: jumpcloud:orgId or JUMPCLOUD_ORG_ID.";

/** JumpCloud's error body is `{code, message, status}` per the spec; real responses also carry `error`. */
export function errorDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const detail = typeof body.message === "string" && body.message ? body.message : body.error;
    // Redacted before it is cut: a server that echoes the key must not leave a prefix of it behind the cut.
    return typeof detail === "string" && detail ? clip(detail, 300) : undefined;
  } catch {
    return undefined;
  }
}

/** Maps an HTTP answer that is not a success to the error a person can act on. */
export function httpError(
  req: RequestDescription,
  status: number,
  text: string,
  location: string | undefined,
): JumpCloudError {
  const where = `${req.method} ${req.path}`;
  const detail = errorDetail(text);
  const said = detail ? `: "${detail}"` : "";
  const base = { method: req.method, path: req.path, status };
  if (status >= 300 && status < 400) {
    // A request without a usable key has been seen answered with 302 to /login: following it would return HTML.
    const target = location ? ` to ${clip(location.split("?")[0] ?? "", 200)}` : "";
    return new JumpCloudError(
      "unauthorized",
      `JumpCloud answered ${where} with a redirect (${status}${target}) instead of data: the API key was not accepted.`,
      { ...base, hint: KEY_HINT },
    );
  }
  switch (status) {
    case 400:
      return new JumpCloudError("bad_request", `JumpCloud refused ${where} as malformed (400${said}).`, {
        ...base,
        hint: "If an organization id is configured, check that it is a 24-character hex id.",
      });
    case 401:
      return new JumpCloudError("unauthorized", `JumpCloud rejected the API key on ${where} (401${said}).`, {
        ...base,
        hint: KEY_HINT,
      });
    case 403:
      return new JumpCloudError("forbidden", `The API key is not allowed to ${where} (403${said}).`, {
        ...base,
        hint:
          "A key carries the role of the administrator who created it: use a key of an administrator whose role " +
          "can read users, groups, applications and administrators, or check the organization's IP allow list.",
      });
    case 404:
      return new JumpCloudError("not_found", `JumpCloud found nothing at ${where} (404${said}).`, base);
    case 409:
      return new JumpCloudError("conflict", `JumpCloud reported a conflict on ${where} (409${said}).`, base);
    case 429:
      return new JumpCloudError("rate_limited", `JumpCloud is throttling requests (429 on ${where}).`, {
        ...base,
        hint:
          "Lower the request rate (JUMPCLOUD_REQUESTS_PER_SECOND or jumpcloud:requestsPerSecond) or allow a longer " +
          "retry wait (JUMPCLOUD_MAX_RETRY_WAIT_MS).",
      });
    default:
      if (status >= 500) {
        return new JumpCloudError("unavailable", `JumpCloud failed to answer ${where} (${status}${said}).`, {
          ...base,
          hint: "This is usually temporary: run the command again in a few minutes.",
        });
      }
      return new JumpCloudError("bad_request", `JumpCloud refused ${where} (${status}${said}).`, base);
  }
}

/** Adds how many attempts were made to an error that retries could not cure. */
export function afterAttempts(error: JumpCloudError, attempts: number): JumpCloudError {
  if (attempts <= 1) return error;
  const message = error.hint ? error.message.slice(0, -error.hint.length - 1) : error.message;
  return new JumpCloudError(error.code, `${message} Gave up after ${attempts} attempts.`, {
    hint: error.hint,
    method: error.method,
    path: error.path,
    status: error.status,
    cause: error.cause,
  });
}
