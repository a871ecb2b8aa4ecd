import type { Application } from "../sync/graph";
import type { ResourceContext } from "./context";
import { appLabel, childLabel, currentChildren } from "./application-targets";
import type { OrgIndex } from "./org-index";

/**
 * The guards of an exclusive application set, as `exclusive-set-guard.ts` has them for a group's members: an
 * exclusive set with nothing in force (maps left out or empty, or every entry expired) would unassign the whole
 * application without a word, so it needs an explicit `allowEmpty: true`; and a set about to remove most of an
 * application's assignments is worth a warning before anyone runs `up`.
 */

type App = Pick<Application, "id" | "label">;

/** The refusal of an exclusive set with nothing in force, or undefined when it lists some or the author allowed it. */
export function emptyExclusiveAssignmentsReason(
  app: App,
  index: OrgIndex,
  set: { exclusive: boolean; allowEmpty: boolean; wanted: readonly string[] },
): string | undefined {
  if (!set.exclusive || set.allowEmpty || set.wanted.length > 0) return undefined;
  const current = currentChildren(index, app.id).size;
  const assignments = current === 1 ? "its 1 assignment" : `all ${current} of its assignments`;
  return (
    `an exclusive ApplicationAssignments with no user groups or users in force would remove ${assignments} from ${appLabel(app)} (${app.id}). ` +
    "List the user groups in groups and the users in users, or set allowEmpty: true to unassign everyone on purpose."
  );
}

const NAMED = 10;

/**
 * Warns when an exclusive set is about to remove more than half of an application's current direct assignments,
 * naming the application, the count and what. Shown by `pulumi preview` (and again by `up`), before anything is
 * removed.
 */
export function warnOnMostUnassigned(ctx: ResourceContext, app: App, index: OrgIndex, wanted: readonly string[]): void {
  const current = currentChildren(index, app.id);
  const keep = new Set(wanted);
  const removed = [...current].filter((child) => !keep.has(child));
  if (removed.length * 2 <= current.size) return;
  const labels = removed.map((child) => childLabel(index, child)).sort();
  const named =
    labels.slice(0, NAMED).join(", ") + (labels.length > NAMED ? `, and ${labels.length - NAMED} more` : "");
  ctx.warn(
    `pulumi-jumpcloud-access: the exclusive ApplicationAssignments of ${appLabel(app)} will remove ${removed.length} of its ${current.size} current assignments (${named}). If that is not what you mean, list them before you run \`pulumi up\`.`,
  );
}
