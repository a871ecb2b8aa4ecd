import type { Dispatcher } from "undici";
import type { z } from "zod";
import { JumpCloudError, redactSecrets } from "../errors";
import { afterAttempts, httpError, type RequestDescription } from "./api-error";
import type { Clock } from "./clock";
import type { RequestLimiter } from "./request-limiter";
import { parseRetryAfter, RetryPolicy } from "./retry-policy";
import { describeIssue } from "./schemas";

/** Everything one client shares between its requests. Built once per client; never module-global. */
export interface RequestContext {
  /** Scheme, host and port, e.g. https://console.jumpcloud.com. */
  origin: string;
  /** Path prefix of the API base URL (usually empty). */
  basePath: string;
  dispatcher: Dispatcher;
  /** Sent on every request; holds the key, so never logged or copied into an error. */
  headers: Record<string, string>;
  limiter: RequestLimiter;
  retry: RetryPolicy;
  clock: Clock;
  timeoutMs: number;
  /** Requests in flight at once (the limiter's cap): how many page reads a list keeps started. */
  concurrency: number;
  /** The most items one list may hold. */
  maxListItems: number;
  /** `requestMs`: time spent waiting for answers, summed over requests (wall time × requests in flight). */
  counters: { requests: number; retries: number; pages: number; requestMs: number };
  /** Debug lines (method, path, status, duration): never headers or bodies. */
  log?: ((line: string) => void) | undefined;
}

export interface RequestSpec<T> {
  method: "GET" | "POST" | "PUT";
  /** From the API root, e.g. `/api/v2/usergroups/{id}/members` with the id filled in. */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /** Validates the JSON body; omitted for writes answered with 204 and no body. */
  schema?: z.ZodType<T>;
  /** Once aborted, nothing more is sent for this request and an answer still awaited is dropped. */
  signal?: AbortSignal | undefined;
}

/**
 * Thrown when a request's signal was aborted: the work it belonged to already failed for another reason, which is
 * what gets reported. Not a JumpCloudError, so it is never retried and never mistaken for an answer.
 */
export class RequestCancelled extends Error {
  override readonly name = "RequestCancelled";
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  header(name: string): string | undefined;
}

/**
 * The one way this package talks to JumpCloud: limits, retries, timeouts, typed errors and response validation.
 * Redirects are never followed (undici does not unless asked): a 3xx is reported as an authentication failure.
 */
export async function request<T>(ctx: RequestContext, spec: RequestSpec<T>): Promise<ApiResponse<T>> {
  const req: RequestDescription = { method: spec.method, path: spec.path };
  const target = ctx.basePath + spec.path + queryString(spec.query);
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    if (spec.signal?.aborted) throw new RequestCancelled(`${spec.method} ${spec.path} cancelled`);
    let error: JumpCloudError;
    let retryAfter: number | undefined;
    try {
      const raw = await ctx.limiter.run(() => sendOnce(ctx, spec, req, target));
      if (raw.status >= 200 && raw.status < 300) {
        if (!spec.schema) checkBodylessAnswer(req, raw);
        return { status: raw.status, header: raw.header, data: parseBody(spec, req, raw.text) };
      }
      error = httpError(req, raw.status, raw.text, raw.header("location"));
      if (raw.status === 429 || raw.status >= 500) retryAfter = parseRetryAfter(raw.header("retry-after"), Date.now());
    } catch (thrown) {
      if (!(thrown instanceof JumpCloudError)) throw thrown;
      error = thrown;
    }
    const delay = RetryPolicy.isRetryable(error) ? ctx.retry.delayBeforeNext(attempt, waited, retryAfter) : undefined;
    if (delay === undefined) throw afterAttempts(error, attempt);
    // A 429 means the whole client is too fast, not only this request: hold every start for the same wait.
    if (error.code === "rate_limited") ctx.limiter.pause(ctx.clock.now() + delay);
    ctx.counters.retries++;
    ctx.log?.(`retry ${spec.method} ${spec.path} in ${delay} ms after ${error.code}`);
    waited += delay;
    await ctx.clock.sleep(delay);
  }
}

interface RawResponse {
  status: number;
  text: string;
  header(name: string): string | undefined;
}

async function sendOnce(
  ctx: RequestContext,
  spec: RequestSpec<unknown>,
  req: RequestDescription,
  target: string,
): Promise<RawResponse> {
  // Requests wait in the limiter's queue: a sync that already failed must not send the ones still waiting.
  if (spec.signal?.aborted) throw new RequestCancelled(`${spec.method} ${spec.path} cancelled`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  const cancel = () => controller.abort();
  spec.signal?.addEventListener("abort", cancel, { once: true });
  const started = ctx.clock.now();
  ctx.counters.requests++;
  try {
    const headers: Record<string, string> = { ...ctx.headers, accept: "application/json" };
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    const res = await ctx.dispatcher.request({
      origin: ctx.origin,
      path: target,
      method: spec.method,
      headers,
      body: spec.body === undefined ? null : JSON.stringify(spec.body),
      signal: controller.signal,
    });
    const text = await res.body.text();
    const header = (name: string): string | undefined => {
      const value = res.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    ctx.log?.(redactSecrets(`${spec.method} ${target} -> ${res.statusCode} in ${ctx.clock.now() - started} ms`));
    return { status: res.statusCode, text, header };
  } catch (error) {
    if (spec.signal?.aborted) throw new RequestCancelled(`${spec.method} ${spec.path} cancelled`);
    if (controller.signal.aborted) {
      ctx.log?.(`${spec.method} ${target} timed out after ${ctx.timeoutMs} ms`);
      throw new JumpCloudError(
        "timeout",
        `JumpCloud did not answer ${req.method} ${req.path} within ${ctx.timeoutMs} ms.`,
        {
          method: req.method,
          path: req.path,
          hint: "Allow more time with JUMPCLOUD_TIMEOUT_MS (or jumpcloud:timeoutMs), or try again later.",
        },
      );
    }
    const code = networkCode(error);
    ctx.log?.(`${spec.method} ${target} failed: ${code}`);
    throw new JumpCloudError("network", `Could not complete ${req.method} ${req.path} at ${ctx.origin} (${code}).`, {
      method: req.method,
      path: req.path,
      cause: error,
      hint: "Check the network and the API URL (JUMPCLOUD_API_URL or jumpcloud:apiUrl).",
    });
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener("abort", cancel);
    ctx.counters.requestMs += ctx.clock.now() - started;
  }
}

function parseBody<T>(spec: RequestSpec<T>, req: RequestDescription, text: string): T {
  if (!spec.schema) return undefined as T;
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw invalid(req, "the body is not JSON");
  }
  const parsed = spec.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw invalid(req, describeIssue(parsed.error));
}

/**
 * A write is done only when JumpCloud says so: its documented 204, or a 2xx with an empty or JSON body. A 2xx web
 * page (a captive portal, a proxy's login or error page, a console answering in place of the API) says nothing
 * about the change, so it is an error, and the change may or may not have happened.
 */
function checkBodylessAnswer(req: RequestDescription, raw: RawResponse): void {
  if (raw.status === 204 || raw.text.trim() === "") return;
  const type = raw.header("content-type")?.toLowerCase() ?? "";
  let json = !type.includes("html");
  if (json) {
    try {
      JSON.parse(raw.text);
    } catch {
      json = false;
    }
  }
  if (json) return;
  throw new JumpCloudError(
    "invalid_response",
    `JumpCloud answered ${req.method} ${req.path} with ${raw.status} and a ${type.includes("html") ? "web page" : "body that is not JSON"}, not the API's answer to a change.`,
    {
      method: req.method,
      path: req.path,
      status: raw.status,
      hint:
        "The change may or may not have been applied: something between this machine and JumpCloud (a proxy or a " +
        "captive portal) answered instead. Check the API URL and the network; the next run reads the current state.",
    },
  );
}

function invalid(req: RequestDescription, what: string): JumpCloudError {
  return new JumpCloudError(
    "invalid_response",
    `Unexpected response from JumpCloud to ${req.method} ${req.path}: ${what}.`,
    {
      method: req.method,
      path: req.path,
      // Said only of reads: a write answered oddly may still have been applied.
      hint:
        req.method === "GET"
          ? "Nothing was changed. The API may have changed shape: please report this message."
          : "The change may or may not have been applied; the next run reads the current state. If this repeats, " +
            "the API may have changed shape: please report this message.",
    },
  );
}

function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

function queryString(query: Record<string, string | number> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
