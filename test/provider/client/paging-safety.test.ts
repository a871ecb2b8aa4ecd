/**
 * Paging against servers that do not play by the rules (#12, points 9, 10 and 11): every list is complete or an
 * error, and every read is bounded whatever the server answers. Each fake server below stops answering (400) after a
 * number of requests far above what a correct client needs, so that a runaway reader fails these tests instead of
 * hanging them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mulberry32 } from "../../../emulator/mulberry32";
import type { ClientOptions } from "../../../provider/client/client-options";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { type FakeAnswer, fakeClock, type SeenRequest, startFakeApi, TEST_KEY } from "./fake-api";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

const hex = (n: number) => n.toString(16).padStart(24, "0");
const GROUP = hex(0xabc);
const groups = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ id: hex(from + i + 1), name: `group-${from + i}` }));
const edges = (n: number) => Array.from({ length: n }, (_, i) => ({ to: { id: hex(i + 1), type: "user" } }));

/** A runaway client would send far more than this; a correct one far fewer. */
const CUTOFF = 400;

function params(req: SeenRequest) {
  const q = new URL(req.url, "http://x").searchParams;
  return { limit: Number(q.get("limit")), skip: Number(q.get("skip")) };
}

async function clientFor(
  handler: (req: SeenRequest, index: number) => FakeAnswer,
  options: Partial<ClientOptions> = {},
) {
  const api = await startFakeApi((req, index) =>
    index >= CUTOFF ? { status: 400, body: { message: "fake server: request cutoff reached" } } : handler(req, index),
  );
  const client = new JumpCloudClient({
    apiKey: TEST_KEY,
    apiUrl: api.url,
    clock: fakeClock(),
    requestsPerSecond: 0,
    ...options,
  });
  stops.push(() => client.close(), api.stop);
  return { api, client };
}

async function failure(promise: Promise<unknown>): Promise<JumpCloudError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof JumpCloudError) return outcome;
  throw new Error(`expected a JumpCloudError, got ${String(outcome)}`);
}

describe("point 9: paging that cannot run away", () => {
  it("stops a list without a total when the server ignores skip (a page repeats ids already seen)", async () => {
    const { api, client } = await clientFor(() => ({ status: 200, body: groups(100) }));
    const error = await failure(client.listGroups());
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("appeared twice");
    // Two readings of two pages each: the second page of each repeats the first.
    expect(api.seen).toHaveLength(4);
  });

  it("reads at most the pages the total announces, plus one, when the server ignores skip", async () => {
    const { api, client } = await clientFor(() => ({
      status: 200,
      body: groups(100),
      headers: { "x-total-count": "100" },
    }));
    const error = await failure(client.listGroups());
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("100 items arrived after the announced total of 100");
    expect(api.seen).toHaveLength(4);
  });

  it("refuses a total of 10,000,000 after one request, naming the limit and how to raise it", async () => {
    const { api, client } = await clientFor(() => ({
      status: 200,
      body: { totalCount: 10_000_000, results: [] },
    }));
    const error = await failure(client.listUsers());
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("The list of system users is announced with 10000000 items");
    expect(error.message).toContain("more than the 1000000 one list may hold");
    expect(error.hint).toContain("JUMPCLOUD_MAX_LIST_ITEMS");
    expect(api.seen).toHaveLength(1);
  });

  it("caps a list at the configured maxListItems, with or without a total", async () => {
    const counted = await clientFor(
      (req) => {
        const { skip, limit } = params(req);
        return { status: 200, body: groups(250).slice(skip, skip + limit), headers: { "x-total-count": "250" } };
      },
      { maxListItems: 200 },
    );
    expect((await failure(counted.client.listGroups())).message).toContain("announced with 250 items");
    expect(counted.api.seen).toHaveLength(1);

    const uncounted = await clientFor(
      (req) => {
        const { skip, limit } = params(req);
        return { status: 200, body: groups(250).slice(skip, skip + limit) };
      },
      { maxListItems: 200 },
    );
    expect((await failure(uncounted.client.listGroups())).message).toContain("more than 200 items");
    expect(uncounted.api.seen).toHaveLength(3);

    const fits = await clientFor(
      (req) => {
        const { skip, limit } = params(req);
        return { status: 200, body: groups(200).slice(skip, skip + limit), headers: { "x-total-count": "200" } };
      },
      { maxListItems: 200 },
    );
    expect(await fits.client.listGroups()).toHaveLength(200);
  });

  it("finds out a total that is too large on the first short page, without reading the pages it announces", async () => {
    const { api, client } = await clientFor((req) => {
      const { skip, limit } = params(req);
      return { status: 200, body: groups(35).slice(skip, skip + limit), headers: { "x-total-count": "900000" } };
    });
    const error = await failure(client.listGroups());
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("page 1 of 9000 held 35 items instead of 100");
    expect(api.seen).toHaveLength(2);
  });

  it("starts page reads lazily through the concurrency limit and starts none after one failed", async () => {
    // 50 pages announced; the second fails for good. Reads already started may finish, no new one starts.
    const { api, client } = await clientFor(
      (req) => {
        const { skip, limit } = params(req);
        if (req.url.startsWith(`/api/v2/usergroups/${GROUP}`)) return { status: 200, body: groups(1)[0] };
        if (skip === 100) return { status: 400, body: { message: "no" } };
        return { status: 200, body: groups(5000).slice(skip, skip + limit), headers: { "x-total-count": "5000" } };
      },
      { concurrency: 2 },
    );
    const error = await failure(client.listGroups());
    expect(error.code).toBe("bad_request");
    // The limiter is first come, first served: a request made now is sent after every page read still queued.
    await client.getGroup(GROUP);
    const pageReads = api.seen.findIndex((req) => req.url.startsWith(`/api/v2/usergroups/${GROUP}`));
    // The first page, the two reads in flight, and at most one more each while the failure was on its way (not 50).
    expect(pageReads).toBeLessThanOrEqual(1 + 2 * 2);
  });
});

describe("point 10: no silent partial list", () => {
  it("reads all 35 items of a v2 list without x-total-count from a server that pages at 10", async () => {
    const { api, client } = await clientFor((req) => {
      const { skip } = params(req);
      return { status: 200, body: groups(35).slice(skip, skip + 10) };
    });
    const result = await client.listGroups();
    expect(result.map((g) => g.id)).toEqual(groups(35).map((g) => g.id));
    // The end is accepted only after an empty read at the next offset.
    expect(api.log().map((line) => params({ url: line.split(" ")[1] ?? "" } as SeenRequest).skip)).toEqual([
      0, 10, 20, 30, 35,
    ]);
  });

  it("refuses a total that appears only on a later page", async () => {
    const { client } = await clientFor((req): FakeAnswer => {
      const { skip, limit } = params(req);
      const page = groups(150).slice(skip, skip + limit);
      return { status: 200, body: page, headers: skip === 0 ? {} : { "x-total-count": "150" } };
    });
    expect((await failure(client.listGroups())).message).toContain("a total (150) appeared after pages without one");
  });
});

describe("point 11: large groups when listing order is unstable", () => {
  /** A group's members in an order that changes on every request (a rotation picked per request), total exact. */
  function unstableMembers(count: number, seed: number) {
    const random = mulberry32(seed);
    const all = edges(count);
    return (req: SeenRequest): FakeAnswer => {
      const { skip, limit } = params(req);
      const start = Math.floor(random() * count);
      const rotated = [...all.slice(start), ...all.slice(0, start)];
      return { status: 200, body: rotated.slice(skip, skip + limit), headers: { "x-total-count": String(count) } };
    };
  }

  it.each([150, 350, 1200])(
    "reads a group of %i members completely by collecting ids until they reach the total",
    async (count) => {
      const { api, client } = await clientFor(unstableMembers(count, count));
      const members = await client.listGroupMembers(GROUP);
      expect(new Set(members)).toEqual(new Set(edges(count).map((e) => e.to.id)));
      expect(members).toHaveLength(count);
      expect(api.seen.length).toBeLessThan(CUTOFF);
    },
  );

  it("fails closed when more distinct ids than the total arrive", async () => {
    // Every pass shows 150 members, one of them twice, from a window that slides on: the ids outnumber the total.
    let shift = 0;
    const { client } = await clientFor((req) => {
      const { skip } = params(req);
      const all = edges(1000).slice(shift, shift + 150);
      if (skip !== 0) shift += 10;
      const page = skip === 0 ? all.slice(0, 100) : [all[99], ...all.slice(101, 150)];
      return { status: 200, body: page, headers: { "x-total-count": "150" } };
    });
    const error = await failure(client.listGroupMembers(GROUP));
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("distinct items arrived for an announced total of 150");
  });

  it("gives up after a bounded number of passes when the ids never reach the total", async () => {
    const { api, client } = await clientFor((req) => {
      const { skip } = params(req);
      const all = edges(150);
      const page = skip === 0 ? all.slice(0, 100) : [all[99], ...all.slice(101, 150)];
      return { status: 200, body: page, headers: { "x-total-count": "150" } };
    });
    const error = await failure(client.listGroupMembers(GROUP));
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("149 distinct items of the announced 150 after reading every page");
    // Two readings of at most ln(151) + 8 = 14 passes of 2 pages.
    expect(api.seen).toHaveLength(2 * 14 * 2);
  });

  it("still fails closed on a repeated id in a sorted list, whose order is promised stable", async () => {
    const { api, client } = await clientFor((req) => {
      const { skip } = params(req);
      const all = groups(150);
      const page = skip === 0 ? all.slice(0, 100) : [all[99], ...all.slice(101, 150)];
      return { status: 200, body: page, headers: { "x-total-count": "150" } };
    });
    const error = await failure(client.listGroups());
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain(`item ${hex(100)} appeared twice`);
    expect(api.seen).toHaveLength(4);
  });
});
