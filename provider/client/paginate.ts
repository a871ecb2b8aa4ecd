import type { z } from "zod";
import { clip, JumpCloudError } from "../errors";
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
   * `sort` keeps `skip` paging stable (JumpCloud's advice): an id seen twice then means the list changed. The v2
   * graph endpoints take none, so their order is unstable: ids repeat and go missing between pages, and the list is
   * read until the ids seen add up to the announced total (see `readCounted`).
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

/** Reads the page at `skip` (counted as done for the observer). */
type PageReader<T> = (skip: number) => Promise<Page<T>>;

/**
 * Reads a whole list, or throws. A partial list is never returned, because a member missing from a listing would
 * look like access that was removed. Every read is bounded whatever the server answers:
 * - with a total (`totalCount`, `x-total-count`): exactly the pages the total implies, each holding exactly what the
 *   total implies, plus one read that must be empty when the last page is full; a total above `maxListItems` is an
 *   error before anything else is read;
 * - without one: page after page until an empty page confirms the end; a page that repeats an id means `skip` is
 *   ignored, and more than `maxListItems` items is an error.
 * A reading that does not add up is read once more, then an `incomplete_listing` error is thrown.
 */
export async function paginate<T>(ctx: RequestContext, spec: ListSpec<T>, observer?: PageObserver): Promise<T[]> {
  const problems: string[] = [];
  for (let reading = 1; reading <= 2; reading++) {
    const result = await readList(ctx, spec, observer);
    if ("items" in result) return result.items;
    problems.push(result.problem);
    if (reading === 1) ctx.log?.(`re-reading ${spec.label}: ${result.problem}`);
  }
  throw new JumpCloudError(
    "incomplete_listing",
    `The list of ${spec.label} changed while it was being read, twice in a row (${problems.join("; then ")}). No partial list was used.`,
    {
      method: "GET",
      path: spec.path,
      hint:
        "Run the command again once nobody is editing the directory. If it keeps failing, something between this " +
        "machine and JumpCloud may be altering its answers.",
    },
  );
}

async function readList<T>(ctx: RequestContext, spec: ListSpec<T>, observer?: PageObserver): Promise<Reading<T>> {
  const schema = spec.shape === "envelope" ? envelope(spec.item) : bareArray(spec.item);
  const read: PageReader<T> = async (skip) => {
    const page = await readPage(ctx, spec, schema, skip);
    ctx.counters.pages++;
    observer?.pageDone();
    return page;
  };
  observer?.pagesKnown(1);
  const first = await read(0);
  if (first.total === undefined) return readToEmptyPage(ctx, spec, first, read, observer);
  return readCounted(ctx, spec, first, first.total, read, observer);
}

/**
 * Without a total, only an empty page proves the end: a short page does not, since a server may page in smaller
 * steps than asked (the next read then starts where the last answer stopped, not 100 further on).
 */
async function readToEmptyPage<T>(
  ctx: RequestContext,
  spec: ListSpec<T>,
  first: Page<T>,
  read: PageReader<T>,
  observer?: PageObserver,
): Promise<Reading<T>> {
  const items = new Map<string, T>();
  let page = first;
  for (;;) {
    if (page.total !== undefined) return { problem: `a total (${page.total}) appeared after pages without one` };
    if (page.items.length === 0) return { items: [...items.values()] };
    for (const item of page.items) {
      const id = spec.idOf(item);
      // Also what a server that ignores `skip` looks like: without this, reading would never end.
      if (items.has(id)) return { problem: `item ${id} appeared twice` };
      items.set(id, item);
    }
    if (items.size > ctx.maxListItems) throw tooLong(spec, `more than ${ctx.maxListItems} items`, ctx.maxListItems);
    observer?.pagesKnown(1);
    page = await read(items.size);
  }
}

/**
 * With a total, the pages it implies are read in parallel, and each must hold what the total implies. A sorted list
 * must then hold no id twice. An unsorted (graph) list may: its order can change between requests, so the same
 * pages are read again, collecting ids, until they number the total (bounded passes; more ids than the total is a
 * list that changed).
 */
async function readCounted<T>(
  ctx: RequestContext,
  spec: ListSpec<T>,
  first: Page<T>,
  total: number,
  read: PageReader<T>,
  observer?: PageObserver,
): Promise<Reading<T>> {
  if (total > ctx.maxListItems) throw tooLong(spec, `announced with ${total} items`, ctx.maxListItems);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const expected = (index: number) => (index < pageCount - 1 ? PAGE_SIZE : total - (pageCount - 1) * PAGE_SIZE);
  const check = (page: Page<T>, index: number): string | undefined => {
    if (page.total !== total) return `the total changed from ${total} to ${page.total} between pages`;
    if (index < pageCount && page.items.length !== expected(index)) {
      return `page ${index + 1} of ${pageCount} held ${page.items.length} items instead of ${expected(index)} (announced total ${total})`;
    }
    if (index >= pageCount && page.items.length > 0) {
      return `${page.items.length} items arrived after the announced total of ${total}`;
    }
    return undefined;
  };
  const firstProblem = check(first, 0);
  if (firstProblem) return { problem: firstProblem };

  observer?.pagesKnown(pageCount - 1);
  const rest = await readPages(ctx, 1, pageCount, read, check);
  if ("problem" in rest) return rest;
  const pages = [first, ...rest.pages];
  // The total allows no more items; one read past a full last page checks that the server agrees.
  if (total % PAGE_SIZE === 0 && total > 0) {
    observer?.pagesKnown(1);
    const extra = await read(pageCount * PAGE_SIZE);
    const problem = check(extra, pageCount);
    if (problem) return { problem };
  }

  const union = new Map<string, T>();
  let repeated: string | undefined;
  const collect = (reading: Page<T>[]) => {
    for (const page of reading) {
      for (const item of page.items) {
        const id = spec.idOf(item);
        if (!union.has(id)) union.set(id, item);
        else repeated ??= id;
      }
    }
  };
  collect(pages);
  if (union.size === total) return { items: [...union.values()] };
  if (spec.sort !== undefined) return { problem: `item ${repeated} appeared twice` };

  const passes = convergencePasses(total);
  for (let pass = 2; pass <= passes; pass++) {
    observer?.pagesKnown(pageCount);
    const again = await readPages(ctx, 0, pageCount, read, check);
    if ("problem" in again) return again;
    collect(again.pages);
    if (union.size > total)
      return { problem: `${union.size} distinct items arrived for an announced total of ${total}` };
    if (union.size === total) {
      ctx.log?.(`${spec.label}: all ${total} items seen after ${pass} readings of an unstable order`);
      return { items: [...union.values()] };
    }
  }
  return {
    problem: `${union.size} distinct items of the announced ${total} after reading every page ${passes} times (the order kept changing)`,
  };
}

/**
 * How often the pages of an unstably ordered list may be read. If each read were a random window of the list, a
 * pass would miss a given item with probability about 1/e, so ln(total) passes see everything on average; the
 * margin of 8 passes leaves about a 1-in-3000 chance (e^-8) of failing a list whose content is in fact stable.
 */
export function convergencePasses(total: number): number {
  return Math.ceil(Math.log(total + 1)) + 8;
}

/**
 * Reads pages `from` to `to - 1`, at most `ctx.concurrency` at a time. Reads are started one by one as others finish
 * (never one promise per page up front), and none is started once a page has shown a problem or a read has failed.
 */
async function readPages<T>(
  ctx: RequestContext,
  from: number,
  to: number,
  read: PageReader<T>,
  check: (page: Page<T>, index: number) => string | undefined,
): Promise<{ pages: Page<T>[] } | { problem: string }> {
  const pages: Page<T>[] = [];
  let next = from;
  let problem: string | undefined;
  let failed = false;
  const worker = async () => {
    try {
      while (!failed && problem === undefined && next < to) {
        const index = next++;
        const page = await read(index * PAGE_SIZE);
        problem ??= check(page, index);
        pages[index - from] = page;
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const workers = Math.max(0, Math.min(ctx.concurrency, to - from));
  await Promise.all(Array.from({ length: workers }, worker));
  return problem === undefined ? { pages } : { problem };
}

function tooLong<T>(spec: ListSpec<T>, what: string, max: number): JumpCloudError {
  return new JumpCloudError(
    "incomplete_listing",
    `The list of ${spec.label} is ${what}, more than the ${max} one list may hold; nothing of it was used.`,
    {
      method: "GET",
      path: spec.path,
      hint:
        "If the organization really is this large, raise the limit with JUMPCLOUD_MAX_LIST_ITEMS (client option " +
        "maxListItems); otherwise something between this machine and JumpCloud is altering its answers.",
    },
  );
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
  if (header.trim() === "" || !Number.isInteger(total) || total < 0) {
    throw new JumpCloudError(
      "invalid_response",
      `Unexpected response from JumpCloud to GET ${spec.path}: header "x-total-count" is "${clip(header, 40)}", not a count.`,
      { method: "GET", path: spec.path, hint: "Nothing was changed; please report this message." },
    );
  }
  return { items, total };
}
