import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorHandle, FaultSettings, OutOfBand } from "./types";

/** Control routes are unauthenticated, so they answer only peers on the loopback interface. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

const OUT_OF_BAND_CHANGES: readonly (keyof OutOfBand)[] = [
  "addGroupMember",
  "removeGroupMember",
  "assignApplication",
  "unassignApplication",
  "setAdminRoles",
  "setUserState",
];

/**
 * `/__emulator/...`: GET snapshot[?orgId=], GET requests, DELETE requests, GET requests/counts, POST reset,
 * GET/PUT faults, POST out-of-band `{"change": "addGroupMember", "args": ["engineering", "alice@acme.example"]}`.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
  emulator: EmulatorHandle,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    return reply(res, 403, { message: "the emulator's control routes answer loopback clients only" });
  }
  const method = req.method ?? "GET";
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case "GET /__emulator/snapshot":
        return reply(res, 200, emulator.snapshot(new URLSearchParams(query).get("orgId") ?? undefined));
      case "GET /__emulator/requests":
        return reply(res, 200, emulator.requestLog());
      case "DELETE /__emulator/requests":
        emulator.clearRequestLog();
        return reply(res, 204);
      case "GET /__emulator/requests/counts":
        return reply(res, 200, emulator.requestCounts());
      case "POST /__emulator/reset":
        emulator.reset();
        return reply(res, 204);
      case "GET /__emulator/faults":
        return reply(res, 200, emulator.faults());
      case "PUT /__emulator/faults": {
        const body = await jsonBody(req);
        if (typeof body !== "object" || body === null) throw new Error("faults body must be a JSON object");
        emulator.setFaults(body as Partial<FaultSettings>);
        return reply(res, 200, emulator.faults());
      }
      case "POST /__emulator/out-of-band": {
        const body = (await jsonBody(req)) as { change?: unknown; args?: unknown } | undefined;
        const change = body?.change;
        if (typeof change !== "string" || !OUT_OF_BAND_CHANGES.includes(change as keyof OutOfBand)) {
          throw new Error(`out-of-band "change" must be one of ${OUT_OF_BAND_CHANGES.join(", ")}`);
        }
        if (!Array.isArray(body?.args)) throw new Error('out-of-band "args" must be an array');
        const fn = emulator.outOfBand[change as keyof OutOfBand] as (...args: unknown[]) => void;
        fn(...body.args);
        return reply(res, 204);
      }
      default:
        return reply(res, 404, { message: `no control route ${route}` });
    }
  } catch (error) {
    return reply(res, 400, { message: (error as Error).message });
  }
}
