import { z } from "zod";
import { JumpCloudError } from "../errors";
import { JUMPCLOUD_ID } from "../ids";
import { canonicalJson } from "../review/canonical-json";
import { type Application, applicationAssignmentId } from "../sync/graph";
import { emptyExclusiveAssignmentsReason, warnOnMostUnassigned } from "./application-set-guard";
import {
  appLabel,
  childKey,
  childLabel,
  currentChildren,
  parseChild,
  resolveGroupKey,
  resolveUserKey,
} from "./application-targets";
import { type ResourceContext, orgKey } from "./context";
import { parentGone, replaceOn, sameOrg, sorted, withOrg } from "./edge-kind";
import { applySet, type EdgeSetParent, liveDrift, noticeKept, planSet, splitDeclared } from "./edge-set";
import { checkKeys, type GrantEntry, grantEntries, inForce, userKeyProblem } from "./grant-entry";
import { anyUnknown, exactlyOne, givenKey, inputsOrThrow, known, objectId, orgId, parseInputs, text } from "./inputs";
import type { OrgIndex } from "./org-index";
import { type Resolved, resolveApplication } from "./resolve";
import type { CheckFailure, Props, ResourceKind } from "./resource-kind";

/** The inputs, validated; the type every method works with comes from this schema. */
export const applicationAssignmentsInputs = z
  .object({
    applicationId: known(objectId("application")).optional(),
    applicationName: known(text("application name")).optional(),
    groups: grantEntries("user group name or id").optional(),
    users: grantEntries("email or user id").optional(),
    exclusive: known(z.boolean({ error: "must be true or false" })).optional(),
    /** An exclusive set with nothing in force unassigns the whole application: refused unless this is true. */
    allowEmpty: known(z.boolean({ error: "must be true or false" })).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["applicationId", "applicationName"], ctx, "application");
    checkKeys(props.groups, "groups", ctx, (key) => {
      const check = text("user group name or id").safeParse(key);
      return check.success ? undefined : (check.error.issues[0]?.message ?? "is not a user group name or id");
    });
    checkKeys(props.users, "users", ctx, userKeyProblem);
  });
export type ApplicationAssignmentsInputs = z.output<typeof applicationAssignmentsInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const applicationAssignmentsOutputs = z.object({
  applicationId: z.string(),
  /** The application's portal label. */
  applicationName: z.string(),
  /** The user group ids this resource owns (listed and not expired), sorted. */
  groupIds: z.array(z.string()),
  /** The user ids this resource owns (listed and not expired), sorted. */
  userIds: z.array(z.string()),
  /** The access-graph grant ids (`<appId>/user_group/<groupId>`, `<appId>/user/<userId>`) it owns, sorted. */
  grantIds: z.array(z.string()),
  /** Owned user group ids JumpCloud no longer shows assigned (after a refresh). */
  missingGroups: z.array(z.string()),
  /** Owned user ids JumpCloud no longer shows assigned (after a refresh). */
  missingUsers: z.array(z.string()),
  /** Ids of user groups assigned directly but not listed (exclusive only, after a refresh). */
  extraGroups: z.array(z.string()),
  /** Ids of users assigned directly but not listed (exclusive only, after a refresh). */
  extraUsers: z.array(z.string()),
  exclusive: z.boolean(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type ApplicationAssignmentsOutputs = z.output<typeof applicationAssignmentsOutputs>;

interface ResolvedSet {
  index: OrgIndex;
  app: Resolved<Application>;
  /** Children (`user_group/<id>`, `user/<id>`) listed and in force now, sorted. */
  wanted: string[];
  /** Every listed child, expired or not, sorted. */
  listed: string[];
  /** The key each listed child came from (`groups.engineering`), for messages about it. */
  properties: Map<string, string>;
  failures: CheckFailure[];
}

/**
 * `ApplicationAssignments`: one SSO application's owned set of user groups and users. Id `<applicationId>`.
 *
 * The targets are maps keyed by group name (or id) and by email (or user id), so a diff names the targets added and
 * removed. By default the set owns only what it lists: other assignments of the application are left alone and never
 * reported. With `exclusive` it owns every direct assignment of the application: anything not listed is removed on
 * the next `up`, and a refresh reports it in `extraGroups` and `extraUsers`. An entry whose `expires` has passed is
 * not assigned (and is unassigned if the set assigned it). An assignment another resource of the update declares is
 * kept.
 */
export function applicationAssignmentsKind(context: () => ResourceContext, now: () => number = Date.now): ResourceKind {
  const parse = (props: Props) => parseInputs(applicationAssignmentsInputs, props);

  /** Resolves the application and every key, collecting every failure rather than stopping at the first. */
  async function resolveAll(ctx: ResourceContext, inputs: ApplicationAssignmentsInputs): Promise<ResolvedSet> {
    const index = await ctx.graph(inputs.orgId);
    const failures: CheckFailure[] = [];
    const app = resolveApplication(index, { id: inputs.applicationId, name: inputs.applicationName });
    if (!app.ok) failures.push(app.failure);
    const wanted: string[] = [];
    const properties = new Map<string, string>();
    const instant = now();
    const add = (child: string, property: string, entry: GrantEntry, noun: string, label: string) => {
      const earlier = properties.get(child);
      if (earlier !== undefined) {
        failures.push({ property, reason: `names the same ${noun} as ${earlier} (${label}): list each ${noun} once` });
        return;
      }
      properties.set(child, property);
      if (inForce(entry, instant)) wanted.push(child);
    };
    for (const [key, entry] of Object.entries(inputs.groups ?? {})) {
      const property = `groups.${key}`;
      const group = resolveGroupKey(index, key, property);
      if (group.ok) add(childKey("user_group", group.value.id), property, entry, "user group", `"${group.value.name}"`);
      else failures.push(group.failure);
    }
    for (const [key, entry] of Object.entries(inputs.users ?? {})) {
      const property = `users.${key}`;
      const user = resolveUserKey(index, key, property);
      if (user.ok) add(childKey("user", user.value.id), property, entry, "user", user.value.email);
      else failures.push(user.failure);
    }
    return { index, app, wanted: sorted(wanted), listed: sorted(properties.keys()), properties, failures };
  }

  function resolvedOrThrow(set: ResolvedSet): Application {
    if (set.failures.length || !set.app.ok) {
      throw new JumpCloudError(
        "invalid_input",
        `Invalid ApplicationAssignments inputs: ${set.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
        { hint: "Fix the inputs named above in the program." },
      );
    }
    return set.app.value;
  }

  function outputs(
    app: Application,
    inputs: ApplicationAssignmentsInputs,
    wanted: readonly string[],
    adopted: boolean,
  ): Props {
    const ids = (type: "user" | "user_group") =>
      sorted(wanted.map(parseChild).flatMap((c) => (c.type === type ? [c.id] : [])));
    const outs: ApplicationAssignmentsOutputs = {
      applicationId: app.id,
      applicationName: app.label,
      groupIds: ids("user_group"),
      userIds: ids("user"),
      grantIds: sorted(wanted.map((child) => grantIdOf(app.id, child))),
      missingGroups: [],
      missingUsers: [],
      extraGroups: [],
      extraUsers: [],
      exclusive: inputs.exclusive === true,
      adopted,
    };
    // The maps as given are kept too: `diff` then sees a note changed (reason, ticket) and records it in place.
    // Only the maps given: an undefined output is not a value the engine's protocol can carry.
    return {
      ...withOrg(outs, inputs.orgId),
      ...(inputs.groups === undefined ? {} : { groups: inputs.groups }),
      ...(inputs.users === undefined ? {} : { users: inputs.users }),
    };
  }

  /** Brings the application's assignments to the set: adds, removes, confirms each by a read. */
  async function converge(ctx: ResourceContext, inputs: ApplicationAssignmentsInputs, previous: readonly string[]) {
    const set = await resolveAll(ctx, inputs);
    const app = resolvedOrThrow(set);
    const { index, wanted } = set;
    const empty = emptyExclusiveAssignmentsReason(app, index, emptySetInputs(inputs, wanted));
    if (empty) throw new JumpCloudError("invalid_input", `${mapsProperty(inputs)}: ${empty}`);
    const org = index.org;
    ctx.declared.record(
      org,
      wanted.map((child) => grantIdOf(app.id, child)),
    );
    // A target dropped from the maps but declared by another resource of the update (moved to an
    // ApplicationAssignment or to another set) stays. An exclusive set cannot meet one in a program that passed check.
    const parent = assignmentsOf(ctx, inputs.orgId, index, app);
    const { toAdd, keep, toRemove } = planSet({
      wanted,
      current: currentChildren(index, app.id),
      previous,
      exclusive: inputs.exclusive === true,
      declared: (child) => ctx.declared.declares(org, parent.grantId(child)),
    });
    await applySet(ctx, parent, toAdd, toRemove);
    noticeKept(ctx, parent, keep);
    return { app, wanted, adopted: toAdd.length === 0 };
  }

  return {
    async check(olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (hasUnknown(inputs)) return { inputs };
      const ctx = context();
      const set = await resolveAll(ctx, inputs);
      const failures = [...set.failures];
      if (set.app.ok) {
        const app = set.app.value;
        const org = set.index.org;
        const exclusive = inputs.exclusive === true;
        const property = givenKey(inputs, ["applicationId", "applicationName"]);
        const style = exclusive ? "assignments-exclusive" : "assignments";
        const fingerprint = `assignments:${set.listed.join(",")}:${exclusive}`;
        const conflict = ctx.applicationClaims.claim(org, app.id, app.label, style, fingerprint);
        if (conflict) failures.push({ property, reason: conflict });
        for (const child of set.wanted) {
          const revoked = ctx.edgeClaims.claimPresent(org, grantIdOf(app.id, child), "ApplicationAssignments");
          if (revoked) failures.push({ property: set.properties.get(child) ?? property, reason: revoked });
        }
        const empty = emptyExclusiveAssignmentsReason(app, set.index, emptySetInputs(inputs, set.wanted));
        if (empty) failures.push({ property: mapsProperty(inputs), reason: empty });
        // A new set warns here (preview runs no diff for it); an existing one warns in diff, when it changes.
        const isNew = olds.applicationId === undefined && olds.applicationName === undefined;
        if (isNew && exclusive && !failures.length) warnOnMostUnassigned(ctx, app, set.index, set.wanted);
      }
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "ApplicationAssignments inputs");
      if (!(await sameOrg(context(), olds.orgId, inputs.orgId))) return replaceOn(["orgId"]);
      const appKey = givenKey(inputs, ["applicationId", "applicationName"]);
      if (anyUnknown({ a: inputs.applicationId, b: inputs.applicationName })) return replaceOn([appKey]);
      if (hasUnknown(inputs)) return { changes: true };
      const ctx = context();
      const set = await resolveAll(ctx, inputs);
      const app = resolvedOrThrow(set);
      ctx.declared.record(
        set.index.org,
        set.wanted.map((child) => grantIdOf(app.id, child)),
      );
      if (app.id !== olds.applicationId) return replaceOn([appKey]);
      const exclusive = inputs.exclusive === true;
      const drifted =
        nonEmpty(olds.missingGroups) ||
        nonEmpty(olds.missingUsers) ||
        (exclusive && (nonEmpty(olds.extraGroups) || nonEmpty(olds.extraUsers))) ||
        liveDrift(set.wanted, currentChildren(set.index, app.id), exclusive);
      const changed =
        ownedChildren(olds).join(",") !== set.wanted.join(",") ||
        (olds.exclusive === true) !== exclusive ||
        canonicalJson(olds.groups) !== canonicalJson(inputs.groups) ||
        canonicalJson(olds.users) !== canonicalJson(inputs.users);
      if ((drifted || changed) && exclusive) warnOnMostUnassigned(ctx, app, set.index, set.wanted);
      return { changes: drifted || changed };
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "ApplicationAssignments inputs");
      const { app, wanted, adopted } = await converge(context(), inputs, []);
      return { id: app.id, outs: outputs(app, inputs, wanted, adopted) };
    },

    async update(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "ApplicationAssignments inputs");
      const { app, wanted } = await converge(context(), inputs, ownedChildren(olds));
      return { outs: outputs(app, inputs, wanted, olds.adopted === true) };
    },

    async read(id, props) {
      const index = await context().graph(props.orgId);
      const app = index.applicationsById.get(id);
      if (!app) return { id: "", props: {} };
      const drift = (type: "user" | "user_group", owned: unknown) => {
        const ids = strings(owned);
        const current = index.assignedTargets(id, type);
        const missing = ids.filter((targetId) => !current.has(targetId));
        const extra = props.exclusive === true ? sorted([...current].filter((t) => !ids.includes(t))) : [];
        return { missing, extra };
      };
      const groups = drift("user_group", props.groupIds);
      const users = drift("user", props.userIds);
      return {
        id,
        props: {
          ...props,
          applicationName: app.label,
          missingGroups: groups.missing,
          missingUsers: users.missing,
          extraGroups: groups.extra,
          extraUsers: users.extra,
        },
      };
    },

    async delete(id, props) {
      if (!JUMPCLOUD_ID.test(id)) {
        throw new JumpCloudError("invalid_input", `The resource id "${id}" is not an application id.`, {
          hint: "The state was edited by hand or written by another tool: restore it, or remove the resource from the stack.",
        });
      }
      const ctx = context();
      const app = { id, label: String(props.applicationName ?? id) };
      const parent = assignmentsOf(ctx, props.orgId, ctx.loadedGraph(props.orgId), app);
      const org = await ctx.org(props.orgId);
      const { keep, remove } = splitDeclared(ownedChildren(props), (child) =>
        ctx.declared.declares(org, parent.grantId(child)),
      );
      await applySet(ctx, parent, [], remove);
      noticeKept(ctx, parent, keep);
    },
  };
}

/** Unknown values during preview: the application, a whole map, or one entry. */
const hasUnknown = (inputs: ApplicationAssignmentsInputs): boolean =>
  anyUnknown(inputs) || anyUnknown(inputs.groups ?? {}) || anyUnknown(inputs.users ?? {});

const grantIdOf = (appId: string, child: string): string => {
  const { type, id } = parseChild(child);
  return applicationAssignmentId(appId, type, id);
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

const nonEmpty = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** The children a stored state owns, sorted like `ResolvedSet.wanted`. */
const ownedChildren = (props: Props): string[] =>
  sorted([
    ...strings(props.groupIds).map((id) => childKey("user_group", id)),
    ...strings(props.userIds).map((id) => childKey("user", id)),
  ]);

const emptySetInputs = (inputs: ApplicationAssignmentsInputs, wanted: readonly string[]) => ({
  exclusive: inputs.exclusive === true,
  allowEmpty: inputs.allowEmpty === true,
  wanted,
});

/** The map a refusal of an empty set points at: the one the program gave, or `groups`. */
const mapsProperty = (inputs: ApplicationAssignmentsInputs) => givenKey(inputs, ["groups", "users"]);

/** An application's direct assignments as the set skeleton sees them: one listing of both target types. */
function assignmentsOf(
  ctx: ResourceContext,
  orgId: string | undefined,
  index: OrgIndex | undefined,
  app: Pick<Application, "id" | "label">,
): EdgeSetParent {
  const api = ctx.api(orgId);
  return {
    label: appLabel(app),
    noun: "assignment",
    preposition: "on",
    listingKey: `assignments/${orgKey(orgId)}/${app.id}`,
    async list() {
      const [groups, users] = await Promise.all([
        api.listApplicationAssociations(app.id, "user_group"),
        api.listApplicationAssociations(app.id, "user"),
      ]);
      return [...groups.map((id) => childKey("user_group", id)), ...users.map((id) => childKey("user", id))];
    },
    grantId: (child) => grantIdOf(app.id, child),
    childLabel: (child) => childLabel(index, child),
    add(child) {
      const { type, id } = parseChild(child);
      return api.assignApplication(app.id, type, id);
    },
    remove(child) {
      const { type, id } = parseChild(child);
      return api.unassignApplication(app.id, type, id);
    },
    patchAdded(child) {
      const { type, id } = parseChild(child);
      index?.addAssignment(app.id, type, id);
    },
    patchRemoved(child) {
      const { type, id } = parseChild(child);
      index?.removeAssignment(app.id, type, id);
    },
    parentExists: () => api.applicationExists(app.id),
    gone: (what) =>
      parentGone(
        `Cannot confirm the removal of ${what}: JumpCloud has no application ${app.id}.`,
        "the application was removed in JumpCloud",
        "assignments",
      ),
  };
}
