import { JumpCloudError } from "../errors";
import { confirmVisible } from "./confirm-write";
import type { ResourceContext } from "./context";
import { keptNotice } from "./declared-edges";
import { sorted } from "./edge-kind";

/**
 * The skeleton of a set kind: one parent (a user group) and the children it owns (its members), converged in one
 * resource. It plans the adds and removes, keeps a child another resource of the update declares, sends every write,
 * patches the synced graph, waits until JumpCloud shows them, and reports every failure together.
 */

/** One parent's edges as a set kind sees them; `label` names the parent in messages (`user group "eng"`). */
export interface EdgeSetParent {
  label: string;
  /** What one edge is called in messages: "member". */
  noun: string;
  /** How a kept notice joins children and parent: `alice@… in user group "eng"`. */
  preposition: string;
  /** The visibility waiter's key for the parent's listing, and the listing (child ids). */
  listingKey: string;
  list(): Promise<Iterable<string>>;
  grantId(childId: string): string;
  /** How messages name a child (a user's email). */
  childLabel(childId: string): string;
  add(childId: string): Promise<"added" | "already_present">;
  remove(childId: string): Promise<"removed" | "absent">;
  /** Records a write in the synced graph, so later resources of the run see it without another sync. */
  patchAdded(childId: string): void;
  patchRemoved(childId: string): void;
  parentExists(): Promise<boolean>;
  /** The error when removals came back "absent" and the parent no longer exists; `what` counts them. */
  gone(what: string): JumpCloudError;
}

export interface SetPlan {
  toAdd: string[];
  /** Children leaving the set that another resource of this update declares: they stay. */
  keep: string[];
  toRemove: string[];
}

/**
 * What converging to `wanted` takes: add what is missing; remove what the set owned before and no longer lists,
 * and with `exclusive` anything else present too, except what another resource of the update declares.
 */
export function planSet(options: {
  wanted: readonly string[];
  current: ReadonlySet<string>;
  previous: readonly string[];
  exclusive: boolean;
  declared(childId: string): boolean;
}): SetPlan {
  const wanted = new Set(options.wanted);
  const toAdd = options.wanted.filter((id) => !options.current.has(id));
  const candidates = new Set(options.previous.filter((id) => !wanted.has(id) && options.current.has(id)));
  if (options.exclusive) for (const id of options.current) if (!wanted.has(id)) candidates.add(id);
  const { keep, remove } = splitDeclared([...candidates], options.declared);
  return { toAdd, keep, toRemove: remove };
}

/**
 * Whether JumpCloud, as the synced graph shows it now, differs from what a set declares: a child it lists is absent,
 * or, when exclusive, one it does not list is present. `diff` asks this, not only a refresh's stored drift, so a
 * member that another set of the same update (or another stack) removed while this set still lists it is put back
 * by this set's update: a member two sets list stays until neither does, whatever order the engine takes them in.
 */
export function liveDrift(wanted: readonly string[], current: ReadonlySet<string>, exclusive: boolean): boolean {
  if (wanted.some((id) => !current.has(id))) return true;
  if (!exclusive) return false;
  const listed = new Set(wanted);
  for (const id of current) if (!listed.has(id)) return true;
  return false;
}

/** Splits children about to be removed into those another resource of this update declares (kept) and the rest. */
export function splitDeclared(
  childIds: readonly string[],
  declared: (childId: string) => boolean,
): { keep: string[]; remove: string[] } {
  const keep: string[] = [];
  const remove: string[] = [];
  for (const id of childIds) (declared(id) ? keep : remove).push(id);
  return { keep, remove };
}

/** The notice naming the children a set left in place because another resource declares them. */
export function noticeKept(ctx: ResourceContext, parent: EdgeSetParent, childIds: readonly string[]): void {
  if (childIds.length === 0) return;
  const children = sorted(childIds.map((id) => parent.childLabel(id))).join(", ");
  ctx.notify(keptNotice(`${children} ${parent.preposition} ${parent.label}`));
}

/**
 * Sends every add and remove (the client caps concurrency), waits until a listing of the parent shows each one,
 * and patches the synced graph as each is confirmed. A change JumpCloud does not show within the bounded wait is a
 * failure like any other (a removal answered "absent" is confirmed too: it is also the answer to a retried one).
 * Every failure is reported together, naming the children.
 */
export async function applySet(
  ctx: ResourceContext,
  parent: EdgeSetParent,
  toAdd: readonly string[],
  toRemove: readonly string[],
): Promise<void> {
  let absent = 0;
  const listing = (childId: string) => ({ key: parent.listingKey, list: parent.list, childId });
  const edge = (childId: string) => `${parent.childLabel(childId)} ${parent.preposition} ${parent.label}`;
  const removals: string[] = [];
  const writes = [
    ...toAdd.map(async (id) => {
      await parent.add(id);
      await confirmVisible(ctx, listing(id), true, edge(id));
      parent.patchAdded(id);
    }),
    ...toRemove.map(async (id) => {
      if ((await parent.remove(id)) === "absent") absent++;
      removals.push(id);
    }),
  ];
  const results = await Promise.allSettled(writes);
  // "Absent" counts only while the parent exists: a parent gone (or another organization) fails before any wait.
  if (absent > 0 && !(await parent.parentExists())) throw parent.gone(`${absent} ${parent.noun}(s) of ${parent.label}`);
  const confirmations = await Promise.allSettled(
    removals.map(async (id) => {
      await confirmVisible(ctx, listing(id), false, edge(id));
      parent.patchRemoved(id);
    }),
  );
  const children = [...toAdd, ...toRemove];
  const failed = results.flatMap((r, i) =>
    r.status === "rejected" ? [failure(parent, children[i] ?? "", r.reason)] : [],
  );
  confirmations.forEach((r, i) => {
    if (r.status === "rejected") failed.push(failure(parent, removals[i] ?? "", r.reason));
  });
  if (failed.length) {
    throw new JumpCloudError(
      "unavailable",
      `${failed.length} of ${children.length} ${parent.noun} changes to ${parent.label} failed: ${failed.join("; ")}`,
      {
        hint: "The changes that succeeded are kept; run `pulumi up` again to finish.",
      },
    );
  }
}

const failure = (parent: EdgeSetParent, childId: string, reason: unknown) =>
  `${parent.childLabel(childId)}: ${reason instanceof Error ? reason.message : String(reason)}`;
