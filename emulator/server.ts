import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, errorBody } from "./api-error";
import { API_ROUTES, type ApiResponse, type ApiRoute } from "./api-routes";
import { handleControl } from "./control-routes";
import { FaultInjector } from "./faults";
import { isObjectId } from "./ids";
import { checkPermission, keyPermission } from "./key-role";
import { parseOrgFile, loadOrgFile } from "./org-file";
import { OrgStore } from "./org-store";
import { createOutOfBand } from "./out-of-band";
import { RequestLog } from "./request-log";
import { Router } from "./router";
import { generateSyntheticOrg } from "./synthetic";
import { RawJson } from "./views";
import type { EmulatorHandle, EmulatorOptions, OrgSpec } from "./types";

/** A fixed, obviously fake key, used when the caller gives none. */
export const EMULATOR_DEMO_API_KEY = "jca_emulator_demo_key_0000000000000000000000";

const MAX_BODY_BYTES = 1024 * 1024;
const router = new Router<ApiRoute>(API_ROUTES);

function resolveSpecs(options: EmulatorOptions): OrgSpec[] {
  if (options.org !== undefined && options.synthetic !== undefined) {
    throw new Error("Emulator options: give either org or synthetic, not both.");
  }
  if (options.synthetic) return [generateSyntheticOrg(options.synthetic)];
  if (options.org === undefined) return [{ name: "Emulated Org" }];
  if (typeof options.org === "string") return parseOrgFile(loadOrgFile(options.org), options.org);
  return parseOrgFile(options.org);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError(400, "request body is not valid JSON");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  if (body instanceof RawJson) {
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": body.length,
      ...headers,
    });
    res.cork();
    for (const chunk of body.chunks) res.write(chunk);
    res.end();
    return;
  }
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    ...headers,
  });
  res.end(bytes);
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const specs = resolveSpecs(options);
  const apiKey = options.apiKey ?? EMULATOR_DEMO_API_KEY;
  if (apiKey.length === 0) throw new Error("Emulator options: apiKey must not be empty.");
  const keyRole = keyPermission(options.keyRole);
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const overLimit = options.overLimit ?? "reject";
  const msp = options.msp === true || specs.length > 1;
  const faults = new FaultInjector(options.faults);
  const log = new RequestLog(options.requestLogLimit ?? 100_000);
  let orgs = specs.map((spec) => new OrgStore(spec));
  const orgById = () => new Map(orgs.map((o) => [o.id, o]));
  let byId = orgById();

  const orgFor = (orgId?: string): OrgStore => {
    if (orgId === undefined) return orgs[0]!;
    const org = byId.get(orgId.toLowerCase());
    if (!org) throw new Error(`No org with id "${orgId}" in the emulator. Known: ${[...byId.keys()].join(", ")}.`);
    return org;
  };

  /** Which org an API request addresses: MSP keys must name one with `x-org-id`. */
  const requestOrg = (req: IncomingMessage): OrgStore => {
    const header = req.headers["x-org-id"];
    const orgId = Array.isArray(header) ? header[0] : header;
    if (orgId === undefined || orgId === "") {
      if (msp) throw new ApiError(401, "x-org-id header is required for a multi-tenant (MSP) administrator");
      return orgs[0]!;
    }
    if (!isObjectId(orgId)) throw new ApiError(400, `invalid x-org-id "${orgId}": expected a 24-character hex id`);
    const org = byId.get(orgId.toLowerCase());
    if (!org) throw new ApiError(404, `organization ${orgId} not found`);
    return org;
  };

  const redact = (query: string) => (query.includes(apiKey) ? query.split(apiKey).join("[redacted]") : query);

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const method = req.method ?? "GET";
    const matched = router.match(method, path);
    const route = "route" in matched ? `${method} ${matched.route.template}` : `${method} (unmatched)`;
    let orgId: string | null = null;
    const finish = (status: number, body?: unknown, headers?: Record<string, string>) => {
      log.record({ method, path, query: redact(query), route, status, orgId });
      sendJson(res, status, body, headers);
    };

    const decision = faults.decide(clock());
    if (decision.kind === "reset") {
      log.record({ method, path, query: redact(query), route, status: 0, orgId });
      req.socket.destroy();
      return;
    }
    const { latencyMs, visibilityDelayMs, unstableGraphOrder } = faults.current();
    if (latencyMs > 0) await sleep(latencyMs);
    if (decision.kind === "rate-limited") {
      const headers: Record<string, string> =
        decision.retryAfterSeconds === null ? {} : { "retry-after": String(decision.retryAfterSeconds) };
      return finish(429, errorBody(429, "Too Many Requests"), headers);
    }
    if (decision.kind === "error")
      return finish(decision.status, errorBody(decision.status, "emulated transient failure"));

    const keyHeader = req.headers["x-api-key"];
    const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    if (!key) {
      // What JumpCloud has been observed to answer without a key: a redirect to the login page, not a 401.
      const html = '<p>Found. Redirecting to <a href="/login">/login</a></p>';
      log.record({ method, path, query: redact(query), route, status: 302, orgId });
      res.writeHead(302, { location: "/login", "content-type": "text/html; charset=utf-8" });
      res.end(html);
      return;
    }
    if (key !== apiKey) return finish(401, { error: "Unauthorized", message: "Unauthorized: api key user not found" });

    try {
      if (!("route" in matched)) {
        if (matched.methodMismatch) throw new ApiError(405, `${method} is not supported on ${path}`);
        throw new ApiError(404, `no such API path: ${path}`);
      }
      const raw = method === "POST" || method === "PUT" ? await readBody(req) : Buffer.alloc(0);
      const org = matched.route.orgScoped ? requestOrg(req) : orgs[0]!;
      orgId = matched.route.orgScoped ? org.id : null;
      checkPermission(keyRole, method, matched.route.template);
      const now = clock();
      org.flush(now);
      const response: ApiResponse = matched.route.handle({
        org,
        orgs,
        params: matched.params,
        query: new URLSearchParams(query),
        body: parseJson(raw),
        now,
        visibilityDelayMs,
        overLimit,
        graphOrderDie: unstableGraphOrder && decision.kind === "none" ? decision.orderDie : null,
      });
      finish(response.status, response.body, response.headers);
    } catch (error) {
      if (error instanceof ApiError) return finish(error.status, errorBody(error.status, error.message));
      finish(500, errorBody(500, `emulator error: ${(error as Error).message}`));
    }
  }

  const handle: EmulatorHandle = {
    url: "",
    apiKey,
    orgIds: orgs.map((o) => o.id),
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    snapshot(orgId?: string) {
      return orgFor(orgId).snapshot();
    },
    requestLog: () => log.list(),
    requestCounts: () => log.counts(),
    clearRequestLog: () => log.clear(),
    setFaults: (changes) => faults.update(changes),
    faults: () => faults.current(),
    reset() {
      orgs = specs.map((spec) => new OrgStore(spec));
      byId = orgById();
      log.clear();
    },
    outOfBand: createOutOfBand((orgId) => orgFor(orgId)),
  };

  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? "" : url.slice(q + 1);
    const work = path.startsWith("/__emulator/")
      ? handleControl(req, res, path, query, handle)
      : handleApi(req, res, path, query);
    work.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, `emulator error: ${(error as Error).message}`));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  handle.url = `http://${host}:${address.port}`;
  return handle;
}
