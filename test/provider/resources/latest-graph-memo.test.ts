import { describe, expect, it } from "vitest";
import { LatestGraphMemo } from "../../../provider/resources/latest-graph-memo";
import type { AccessGraph } from "../../../provider/sync/graph";

// A stand-in graph: the memo only stores and hands back what a sync returned, it never looks inside.
const graph = (generatedAt: string) => ({ generatedAt }) as unknown as AccessGraph;

describe("LatestGraphMemo", () => {
  it("keeps only the latest sync per organization, and hands it back while still in flight", async () => {
    const memo = new LatestGraphMemo();
    let finish: (g: AccessGraph) => void = () => {};
    const first = memo.remember("org-a", () => new Promise<AccessGraph>((resolve) => (finish = resolve)));
    const pending = memo.latest("org-a");
    expect(pending).toBe(first);
    finish(graph("t1"));
    expect((await pending)?.generatedAt).toBe("t1");

    await memo.remember("org-a", async () => graph("t2"));
    await memo.remember("org-b", async () => graph("t3"));
    expect((await memo.latest("org-a"))?.generatedAt).toBe("t2");
    expect((await memo.latest("org-b"))?.generatedAt).toBe("t3");
    expect(memo.size).toBe(2);
    expect(memo.latest("org-c")).toBeUndefined();
  });

  it("starts a new sync on every call rather than joining one under way", async () => {
    const memo = new LatestGraphMemo();
    let calls = 0;
    const sync = async () => graph(`t${++calls}`);
    const [a, b] = await Promise.all([memo.remember("org", sync), memo.remember("org", sync)]);
    expect([a.generatedAt, b.generatedAt]).toEqual(["t1", "t2"]);
    expect((await memo.latest("org"))?.generatedAt).toBe("t2");
  });

  it("forgets a failed sync, so that no update is handed a failure", async () => {
    const memo = new LatestGraphMemo();
    await memo.remember("org", async () => graph("ok"));
    await expect(memo.remember("org", async () => Promise.reject(new Error("listing failed")))).rejects.toThrow(
      "listing failed",
    );
    expect(memo.latest("org")).toBeUndefined();
    expect(memo.size).toBe(0);
  });
});
