/**
 * A hostile server for tests: an HTTP proxy on 127.0.0.1, port 0, in front of the emulator, that bends its answers
 * the ways a broken API, a meddling middlebox or an attacker could: it strips fields, ignores `skip`, pages in steps
 * of its own, reorders listings, lies about totals, accepts writes without applying them, and answers with HTML.
 * The client and the sync must fail closed or succeed correctly against each of these, never half-apply, never hang.
 *
 * The mode can be changed between requests (`setMode`); requests are counted, so a test can bound what a client sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { mulberry32 } from "../../emulator/mulberry32";

export interface HostileMode {
  /** Only requests whose path matches are bent; others pass through unchanged. Default: every request. */
  match?: RegExp;
  /** Keys removed from every object of a JSON answer, at any depth (`email`, `to`, `totalCount`...). */
  stripFields?: string[];
  /** Drop the total of a list: the `x-total-count` header ("header"), or also an envelope's `totalCount` ("all"). */
  stripTotal?: "header" | "all";
  /** Announce this instead of the real total of a list. */
  total?: (real: number) => number;
  /** Answer list reads in pages of at most this many items, whatever `limit` asks. */
  pageSize?: number;
  /** Answer every page of a list as the first (`skip` ignored). */
  ignoreSkip?: boolean;
  /**
   * Every read of a list sees it rotated to start at a random (seeded) position, the way an unsorted listing can
   * shift between requests: "graph" for the v2 graph listings (`/members`, `/associations`) only, "all" for every list.
   */
  reorderPages?: "graph" | "all";
  /** Answer writes without forwarding them: a POST with 204, a PUT with the object as it still is. */
  dropWrites?: boolean;
  /** Answer 200 with an HTML page, without forwarding: writes only, or every request. */
  html?: "writes" | "all";
  /** Request headers not forwarded (`x-api-key`: a key lost on the way). */
  dropRequestHeaders?: string[];
}

export interface HostileProxy {
  url: string;
  setMode(mode: HostileMode): void;
  /** Requests received from the client (not counting the proxy's own reads of the upstream). */
  requests(): number;
  /** Writes answered without being forwarded. */
  droppedWrites(): number;
  stop(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const HTML_PAGE =
  "<!doctype html><html><head><title>Sign in</title></head><body><h1>Network login</h1>" +
  "<p>Please sign in to continue.</p></body></html>";

const FORWARDED_HEADERS = ["x-api-key", "x-org-id", "content-type", "accept", "user-agent"];
const RETURNED_HEADERS = ["content-type", "x-total-count", "location", "retry-after"];

export async function startHostileProxy(
  upstreamUrl: string,
  initial: HostileMode = {},
  seed = 7,
): Promise<HostileProxy> {
  let mode = initial;
  let received = 0;
  let dropped = 0;
  const random = mulberry32(seed);
  const upstream = new URL(upstreamUrl);

  const forward = async (method: string, path: string, headers: Record<string, string>, body: string) => {
    const res = await request(new URL(path, upstream), {
      method: method as "GET",
      headers,
      body: body === "" ? null : body,
    });
    const text = await res.body.text();
    const out: Record<string, string> = {};
    for (const name of RETURNED_HEADERS) {
      const value = res.headers[name];
      if (typeof value === "string") out[name] = value;
    }
    return { status: res.statusCode, headers: out, text } satisfies Upstream;
  };

  const handle = async (req: IncomingMessage, body: string): Promise<Upstream> => {
    const method = req.method ?? "GET";
    const target = new URL(req.url ?? "/", "http://proxy");
    const bent = mode.match === undefined || mode.match.test(target.pathname);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string" && !(bent && mode.dropRequestHeaders?.includes(name))) headers[name] = value;
    }
    if (!bent) return forward(method, `${target.pathname}${target.search}`, headers, body);
    const write = method === "POST" || method === "PUT";
    if (mode.html === "all" || (mode.html === "writes" && write)) {
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, text: HTML_PAGE };
    }
    if (write && mode.dropWrites) {
      dropped++;
      // A PUT answers with the object: here the object as it still is, as if the change had been ignored.
      if (method === "PUT") return forward("GET", target.pathname, headers, "");
      return { status: 204, headers: {}, text: "" };
    }
    const isList = method === "GET" && target.searchParams.has("limit");
    const answer = isList
      ? await readList(target, headers)
      : await forward(method, `${target.pathname}${target.search}`, headers, body);
    return bend(answer);
  };

  /** One page of a list, as the mode wants it read from the upstream. */
  const readList = async (target: URL, headers: Record<string, string>): Promise<Upstream> => {
    const limit = Math.min(Number(target.searchParams.get("limit")), mode.pageSize ?? Number.POSITIVE_INFINITY);
    const skip = mode.ignoreSkip ? 0 : Number(target.searchParams.get("skip") ?? 0);
    const at = (from: number, count: number) => {
      const query = new URLSearchParams(target.searchParams);
      query.set("skip", String(from));
      query.set("limit", String(count));
      return forward("GET", `${target.pathname}?${query}`, headers, "");
    };
    const graph = /\/(members|associations)$/.test(target.pathname);
    const rotate = mode.reorderPages === "all" || (mode.reorderPages === "graph" && graph);
    if (!rotate) return at(skip, limit);
    // Learn the total, pick where this read starts, and serve the window [start + skip, + limit) around the end.
    const probe = await at(0, 1);
    if (probe.status !== 200) return probe;
    const total = totalOf(probe);
    if (total === undefined || total === 0) return at(skip, limit);
    if (skip >= total) return withItems(probe, []);
    const from = (Math.floor(random() * total) + skip) % total;
    const count = Math.min(limit, total - skip);
    const head = await at(from, Math.min(count, total - from));
    if (head.status !== 200 || from + count <= total) return head;
    const tail = await at(0, from + count - total);
    return withItems(head, [...itemsOf(head), ...itemsOf(tail)]);
  };

  /** Totals, fields and content type, as the mode wants them. */
  const bend = (answer: Upstream): Upstream => {
    if (answer.status < 200 || answer.status >= 300 || answer.text === "") return answer;
    let json = JSON.parse(answer.text) as unknown;
    const headers = { ...answer.headers };
    const real = headers["x-total-count"];
    if (real !== undefined) {
      if (mode.total) headers["x-total-count"] = String(mode.total(Number(real)));
      if (mode.stripTotal) delete headers["x-total-count"];
    }
    if (isEnvelope(json)) {
      const { totalCount, results } = json;
      if (mode.total) json = { results, totalCount: mode.total(totalCount) };
      if (mode.stripTotal === "all") json = { results };
    }
    if (mode.stripFields?.length) json = strip(json, new Set(mode.stripFields));
    return { ...answer, headers, text: JSON.stringify(json) };
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received++;
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      handle(req, body).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.text);
        },
        (error: unknown) => {
          res.writeHead(502, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: `hostile proxy: ${error instanceof Error ? error.message : error}` }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
    },
    requests: () => received,
    droppedWrites: () => dropped,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isEnvelope(json: unknown): json is { totalCount: number; results: unknown[] } {
  return typeof json === "object" && json !== null && "results" in json && "totalCount" in json;
}

function totalOf(answer: Upstream): number | undefined {
  const header = answer.headers["x-total-count"];
  if (header !== undefined) return Number(header);
  const json = JSON.parse(answer.text) as unknown;
  return isEnvelope(json) ? json.totalCount : undefined;
}

function itemsOf(answer: Upstream): unknown[] {
  const json = JSON.parse(answer.text) as unknown;
  return Array.isArray(json) ? json : isEnvelope(json) ? json.results : [];
}

function withItems(answer: Upstream, items: unknown[]): Upstream {
  const json = JSON.parse(answer.text) as unknown;
  const text = JSON.stringify(isEnvelope(json) ? { ...json, results: items } : items);
  return { ...answer, text };
}

function strip(value: unknown, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, keys));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !keys.has(key))
      .map(([key, item]) => [key, strip(item, keys)]),
  );
}
