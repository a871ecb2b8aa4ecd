import { JumpCloudError } from "../errors";
import type { ResourceContext } from "./context";

/**
 * A write is reported done only once JumpCloud shows it. JumpCloud (or something in front of it) can accept a write
 * with a 204 and not apply it, and a write that needed a retry may have been answered for an earlier attempt: the
 * answer alone proves nothing. A grant or a revocation that JumpCloud does not show within the bounded wait fails
 * the operation, so the engine keeps the resource as it was and the next run tries again.
 */

/** The listing of an edge's parent (a group's members, an application's associations) and the child's id in it. */
export interface ConfirmingListing {
  /** Names the listing for the visibility waiter: waiters on one parent share each listing. */
  key: string;
  list(): Promise<Iterable<string>>;
  childId: string;
}

/**
 * Waits until a listing of the parent shows the child present (a grant) or absent (a revocation); throws when the
 * bounded wait ends first. `what` names the edge: `alice@acme.example in user group "eng"`.
 */
export async function confirmVisible(
  ctx: ResourceContext,
  parent: ConfirmingListing,
  present: boolean,
  what: string,
): Promise<void> {
  if (await ctx.visibility.waitFor(parent.key, parent.list, parent.childId, present)) return;
  throw notConfirmed(
    ctx,
    present ? `the grant of ${what} but does not show it` : `the removal of ${what} but still shows it`,
  );
}

/**
 * An administrator's roles are confirmed by JumpCloud's answer to the `PUT` (the admin as it now is): it must show
 * exactly the role set asked for, in any order. Any other answer (the roles as they were, or a set with more or fewer
 * roles) fails the grant or revocation at once, naming both sets: the change was not applied as asked, whatever the
 * status code said.
 */
export function confirmRoles(requested: readonly string[], answered: readonly string[], who: string): void {
  if (sameRoleSet(requested, answered)) return;
  const show = (ids: readonly string[]) => (ids.length ? [...new Set(ids)].sort().join(", ") : "none");
  throw new JumpCloudError(
    "invalid_response",
    `JumpCloud answered the change of ${who}'s roles with roles ${show(answered)}, not the requested ${show(requested)}, so the change is not reported as done.`,
    { hint: RETRY_HINT },
  );
}

export function sameRoleSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((id) => id.toLowerCase()));
  const right = new Set(b.map((id) => id.toLowerCase()));
  return left.size === right.size && [...left].every((id) => right.has(id));
}

const RETRY_HINT =
  "The resource stays as it was in the stack: run `pulumi up` (or `pulumi destroy`) again to retry. If it keeps " +
  "happening, something in front of JumpCloud or an integration is dropping or undoing the change.";

const seconds = (ctx: ResourceContext) => Math.round(ctx.visibility.timeoutMs / 100) / 10;

function notConfirmed(ctx: ResourceContext, change: string): JumpCloudError {
  return new JumpCloudError(
    "unavailable",
    `JumpCloud accepted ${change} after ${seconds(ctx)} s, so it is not reported as done.`,
    {
      hint: RETRY_HINT,
    },
  );
}
