/**
 * A server for the emulator benchmark, in its own process so the load generator's CPU time is not charged to it.
 * argv[2] is JSON: `{"kind": "emulator", "options": {...}}` or `{"kind": "bare", "bodyFile": "..."}` (a bare
 * node:http server answering every GET with the same bytes and every POST with 204: the floor). Prints one JSON line
 * `{url, apiKey}`; closing stdin stops it.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator } from "../emulator";
import type { EmulatorOptions } from "../emulator/types";
import { type ChildServer, serveFromChild } from "./serve-from-child";

type Spec = { kind: "emulator"; options: EmulatorOptions } | { kind: "bare"; bodyFile: string; latencyMs?: number };

async function bare(bodyFile: string, latencyMs: number): Promise<ChildServer> {
  const body = readFileSync(bodyFile);
  const server = createServer((req, res) => {
    if (latencyMs > 0) {
      setTimeout(() => answer(req, res), latencyMs);
      return;
    }
    answer(req, res);
  });
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST") {
      req.resume();
      req.on("end", () => {
        res.writeHead(204);
        res.end();
      });
      return;
    }
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: "unused",
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

serveFromChild(() => {
  const spec = JSON.parse(process.argv[2] ?? "{}") as Spec;
  return spec.kind === "bare" ? bare(spec.bodyFile, spec.latencyMs ?? 0) : startEmulator(spec.options);
});
