import type { z } from "zod";
import { JumpCloudError } from "../errors";
import { type RequestContext, request } from "./request";
import { bareArray, envelope } from "./schemas";

/** JumpCloud's documented maximum; its default is 10. Never ask for more: what it does above 100 is unknown. */
export const PAGE_SIZE = 100;

/** One list endpoint, as the paginator needs it. */
export interface ListSpec<T> {
  /** What is listed, for messages: "system users", "members of user group 5f1...". */
  label: string;
  path: string;
  /** v1 lists (and `/v2/roles`) answer `{totalCount, results}`; other v2 lists a bare array + `x-total-count`. */
  shape: "envelope" | "array";
  query?: Record<string, string>;
  /**
   * `sort` keeps `skip` paging stable (JumpCloud's advice). The v2 graph endpoints take none, so their order must
   * be treated as unstable: duplicates across pages are detected below instead.
   */
  sort?: string;
  item: z.ZodType<T>;
  idOf(item: T): string;
  signal?: AbortSignal | undefined;
}

/** Told how many pages are known and how many are done, for progress displays. */
export interface PageObserver {
  pagesKnown(count: number): void;
  pageDone(): void;
}

interface Page<T> {
  items: T[];
  total: number | undefined;
}

type Reading<T> = { items: T[] } | { problem: string };

/**
 * Reads a whole list, or throws. The first page gives the total; the remaining pages are fetched in parallel (the
 * client's limiter caps them). The result is accepted only if the pages agree with each other: every page but the
 * last is full, the last is short (a full last page is followed by one more read that must be empty), every page
 * reports the same total, the count matches it, and no id appears twice. Otherwise the list changed while it was
 * read: it is read once more, then an `incomplete_listing` error is thrown. A partial list is never returned,
 * because a member missing from a listing would look like access that was removed.
 */
export async function paginate<T>(ctx: RequestContext, spec: ListSpec<T>, observer?: PageObserver): Promise<T[]> {
  const first = await readOnce(ctx, spec, observer);
  if ("items" in first) return first.items;
  ctx.log?.(`re-reading ${spec.label}: ${first.problem}`);
  const second = await readOnce(ctx, spec, observer);
  if ("items" in second) return second.items;
  throw new JumpCloudError(
    "incomplete_listing",
    `The list of ${spec.label} changed while it was being read, twice in a row (${first.problem}; then ${second.problem}). No partial list was used.`,
    { method: "GET", path: spec.path, hint: "Run the command again once nobody is editing the directory." },
  );
}

async function readOnce<T>(ctx: RequestContext, spec: ListSpec<T>, observer?: PageObserver): Promise<Reading<T>> {
  const schema = spec.shape === "envelope" ? envelope(spec.item) : bareArray(spec.item);
  const read = async (index: number): Promise<Page<T>> => {
    const page = await readPage(ctx, spec, schema, index * PAGE_SIZE);
    ctx.counters.pages++;
    observer?.pageDone();
    return page;
  };
  observer?.pagesKnown(1);
  const pages = [await read(0)];
  const total = pages[0]?.total;
  if (total !== undefined && total > PAGE_SIZE) {
    const count = Math.ceil(total / PAGE_SIZE);
    observer?.pagesKnown(count - 1);
    const indexes = Array.from({ length: count - 1 }, (_, i) => i + 1);
    pages.push(...(await Promise.all(indexes.map(read))));
  }
  // The stop rule: a list ends on a short page. Without a total this is the only rule, so keep reading.
  while ((pages.at(-1)?.items.length ?? 0) === PAGE_SIZE) {
    observer?.pagesKnown(1);
    pages.push(await read(pages.length));
  }
  const problem = findProblem(pages, spec.idOf);
  return problem ? { problem } : { items: pages.flatMap((p) => p.items) };
}

function findProblem<T>(pages: Page<T>[], idOf: (item: T) => string): string | undefined {
  const total = pages[0]?.total;
  const count = pages.reduce((sum, p) => sum + p.items.length, 0);
  for (const [index, page] of pages.entries()) {
    if (page.total !== total) return `the total changed from ${total} to ${page.total} between pages`;
    if (index < pages.length - 1 && page.items.length < PAGE_SIZE) {
      return `page ${index + 1} of ${pages.length} held ${page.items.length} items instead of ${PAGE_SIZE}`;
    }
  }
  if (total !== undefined && count !== total) return `the first page announced ${total} items but ${count} arrived`;
  const seen = new Set<string>();
  for (const page of pages) {
    for (const item of page.items) {
      const id = idOf(item);
      if (seen.has(id)) return `item ${id} appeared twice`;
      seen.add(id);
    }
  }
  return undefined;
}

async function readPage<T>(
  ctx: RequestContext,
  spec: ListSpec<T>,
  schema: z.ZodType<{ totalCount: number; results: T[] } | T[]>,
  skip: number,
): Promise<Page<T>> {
  const query: Record<string, string | number> = { ...spec.query, limit: PAGE_SIZE, skip };
  if (spec.sort) query["sort"] = spec.sort;
  const res = await request(ctx, { method: "GET", path: spec.path, query, schema, signal: spec.signal });
  const items = Array.isArray(res.data) ? res.data : res.data.results;
  if (items.length > PAGE_SIZE) {
    throw new JumpCloudError(
      "invalid_response",
      `JumpCloud returned ${items.length} ${spec.label} for a page of at most ${PAGE_SIZE} (GET ${spec.path}).`,
      { method: "GET", path: spec.path, hint: "The API ignored the page size; please report this message." },
    );
  }
  if (!Array.isArray(res.data)) return { items, total: res.data.totalCount };
  const header = res.header("x-total-count");
  if (header === undefined) return { items, total: undefined };
  const total = Number(header);
  if (!Number.isInteger(total) || total < 0) {
    throw new JumpCloudError(
      "invalid_response",
      `Unexpected response from JumpCloud to GET ${spec.path}: header "x-total-count" is "${header.slice(0, 40)}", not a count.`,
      { method: "GET", path: spec.path, hint: "Nothing was changed; please report this message." },
    );
  }
  return { items, total };
}
