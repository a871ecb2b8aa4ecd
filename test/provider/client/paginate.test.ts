import { afterEach, describe, expect, it } from "vitest";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { type FakeAnswer, fakeClock, type SeenRequest, startFakeApi, TEST_KEY } from "./fake-api";

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

const hex = (n: number) => n.toString(16).padStart(24, "0");
const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ id: hex(i + 1), name: `group-${i}` }));
const apps = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: hex(i + 1), name: `app-${i}` }));

function params(req: SeenRequest) {
  const q = new URL(req.url, "http://x").searchParams;
  return { limit: Number(q.get("limit")), skip: Number(q.get("skip")) };
}

/** Serves `items()` (re-evaluated per request, so a test can change the list mid-read) in either shape. */
function lister(shape: "envelope" | "array", items: (index: number) => unknown[], totalHeader = true) {
  return (req: SeenRequest, index: number): FakeAnswer => {
    const all = items(index);
    const { limit, skip } = params(req);
    const page = all.slice(skip, skip + limit);
    if (shape === "envelope") return { status: 200, body: { totalCount: all.length, results: page } };
    return { status: 200, body: page, headers: totalHeader ? { "x-total-count": String(all.length) } : {} };
  };
}

async function clientFor(handler: (req: SeenRequest, index: number) => FakeAnswer) {
  const api = await startFakeApi(handler);
  const client = new JumpCloudClient({ apiKey: TEST_KEY, apiUrl: api.url, clock: fakeClock(), requestsPerSecond: 0 });
  stops.push(() => client.close(), api.stop);
  return { api, client };
}

const skips = (log: string[]) =>
  log.map((line) => Number(new URL(line.split(" ")[1] ?? "", "http://x").searchParams.get("skip")));

describe("paginate", () => {
  // n, pages read: one per 100, plus one empty page when the last page is exactly full (the short-page stop rule).
  const cases: Array<[number, number[]]> = [
    [0, [0]],
    [1, [0]],
    [99, [0]],
    [100, [0, 100]],
    [101, [0, 100]],
    [250, [0, 100, 200]],
  ];

  it.each(cases)("reads a v1 envelope list of %i items completely", async (n, expectedSkips) => {
    const { api, client } = await clientFor(lister("envelope", () => apps(n)));
    const result = await client.listApplications();
    expect(result.map((a) => a._id)).toEqual(apps(n).map((a) => a._id));
    expect(skips(api.log()).sort((a, b) => a - b)).toEqual(expectedSkips);
    expect(api.log().every((l) => l.includes("limit=100") && l.includes("sort=_id"))).toBe(true);
  });

  it.each(cases)("reads a v2 array list of %i items completely", async (n, expectedSkips) => {
    const { api, client } = await clientFor(lister("array", () => groups(n)));
    const result = await client.listGroups();
    expect(result.map((g) => g.id)).toEqual(groups(n).map((g) => g.id));
    expect(skips(api.log()).sort((a, b) => a - b)).toEqual(expectedSkips);
  });

  it("pages sequentially to an empty page when a v2 list sends no x-total-count", async () => {
    const { api, client } = await clientFor(lister("array", () => groups(250), false));
    expect(await client.listGroups()).toHaveLength(250);
    expect(skips(api.log())).toEqual([0, 100, 200, 250]);
  });

  it("re-reads a list that changed while it was read, and returns the second, consistent reading", async () => {
    // The first reading sees 250 items on page one and 251 afterwards; the second reading is stable.
    const { api, client } = await clientFor(lister("envelope", (i) => apps(i === 0 ? 250 : 251)));
    const result = await client.listApplications();
    expect(result).toHaveLength(251);
    expect(api.seen.length).toBe(3 + 3);
  });

  it("fails with incomplete_listing when the list keeps changing, never returning a partial list", async () => {
    const { client } = await clientFor(lister("array", (i) => groups(250 - (i % 7))));
    const error = await client.listGroups().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JumpCloudError);
    expect((error as JumpCloudError).code).toBe("incomplete_listing");
    expect((error as JumpCloudError).message).toContain("The list of user groups changed while it was being read");
  });

  it("detects an item shifted onto two pages even when the count matches", async () => {
    // Unsorted graph listings can repeat a row across pages; the count alone would hide the row that was skipped.
    let reading = 0;
    const { client } = await clientFor((req) => {
      const { skip } = params(req);
      if (skip === 0) reading++;
      const all = groups(150).map((g) => ({ to: { id: g.id, type: "user" } }));
      const page = skip === 100 && reading === 1 ? [all[99], ...all.slice(101, 150)] : all.slice(skip, skip + 100);
      return { status: 200, body: page, headers: { "x-total-count": "150" } };
    });
    const members = await client.listGroupMembers(hex(7));
    expect(new Set(members).size).toBe(150);
    expect(reading).toBe(2);
  });

  it("refuses a page larger than the limit", async () => {
    const { client } = await clientFor(() => ({ status: 200, body: { totalCount: 150, results: apps(150) } }));
    await expect(client.listApplications()).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("asks for both assignment kinds of an application in one listing", async () => {
    const { api, client } = await clientFor(() => ({
      status: 200,
      body: [{ to: { id: hex(1), type: "user" } }, { to: { id: hex(2), type: "user_group" } }],
      headers: { "x-total-count": "2" },
    }));
    expect(await client.listApplicationTargets(hex(9))).toEqual({ userIds: [hex(1)], groupIds: [hex(2)] });
    expect(api.log()).toEqual([
      `GET /api/v2/applications/${hex(9)}/associations?targets=user%2Cuser_group&limit=100&skip=0`,
    ]);
  });
});
