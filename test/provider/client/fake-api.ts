import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../../provider/client/clock";

/**
 * What the fake API answers: a response, a dropped connection, or an answer sent only after `delayMs`. `raw` is
 * sent as it is (an HTML page, say) instead of `body` as JSON.
 */
export type FakeAnswer =
  | {
      status: number;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      delayMs?: number;
      onSent?: () => void;
    }
  | { reset: true };

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A tiny HTTP server on port 0 for client tests that need answers the emulator would not give on purpose
 * (malformed bodies, resets at an exact request). Every request is recorded, headers included.
 */
export async function startFakeApi(handler: (req: SeenRequest, index: number) => FakeAnswer) {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const request: SeenRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(request);
      const answer = handler(request, seen.length - 1);
      if ("reset" in answer) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        const text = answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(text);
        answer.onSent?.();
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** `GET /api/systemusers?limit=100&skip=0` lines, in arrival order. */
    log: () => seen.map((r) => `${r.method} ${r.url}`),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Virtual time: a sleep returns without waiting, but sleepers wake in the order of their wake-up times and `now()`
 * moves to each one's time as it wakes, so concurrent sleepers see the same timeline as with a real clock.
 * Every sleep is recorded.
 */
export function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  const pending: Array<{ at: number; seq: number; wake: () => void }> = [];
  let seq = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = pending.shift();
    if (!next) return;
    now = Math.max(now, next.at);
    next.wake();
    schedule();
  };
  const schedule = () => {
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  return {
    sleeps,
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleeps.push(ms);
        pending.push({ at: now + Math.max(0, ms), seq: seq++, wake });
        schedule();
      }),
  };
}

export const TEST_KEY = "jca_test_key_0123456789abcdef0123456789";
