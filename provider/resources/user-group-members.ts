import { z } from "zod";
import { JumpCloudError } from "../errors";
import { type Group, membershipId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { must, replaceOn, sameOrg, sorted, withOrg } from "./edge-kind";
import { emptyExclusiveSetReason, warnOnMostRemoved } from "./exclusive-set-guard";
import { applySet, type EdgeSetParent, liveDrift, noticeKept, planSet, splitDeclared } from "./edge-set";
import {
  anyUnknown,
  email,
  exactlyOne,
  givenKey,
  inputsOrThrow,
  known,
  list,
  noDuplicates,
  objectId,
  orgId,
  parseInputs,
  groupFields,
} from "./inputs";
import { checkKeys, grantEntries, inForce, userKeyProblem } from "./grant-entry";
import { isJumpCloudId } from "../ids";
import type { OrgIndex } from "./org-index";
import { resolveGroup, resolveUser } from "./resolve";
import type { CheckFailure, Props, ResourceKind } from "./resource-kind";
import { dynamicGroupReason, groupGone, isDynamicGroup, membersListingKey } from "./user-groups";

/** The inputs, validated; the type every method works with comes from this schema. */
export const userGroupMembersInputs = z
  .object({
    ...groupFields,
    userIds: list(objectId("user"), "user ids").optional(),
    userEmails: list(email, "email addresses").optional(),
    members: grantEntries("email (or user id)").optional(),
    exclusive: known(z.boolean({ error: "must be true or false" })).optional(),
    /** An exclusive set with no members empties the group: refused unless this is true. */
    allowEmpty: known(z.boolean({ error: "must be true or false" })).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["groupId", "groupName"], ctx, "user group");
    noDuplicates(props.userIds, "userIds", ctx, (s) => s.toLowerCase());
    noDuplicates(props.userEmails, "userEmails", ctx, (s) => s.toLowerCase());
    checkKeys(props.members, "members", ctx, userKeyProblem);
  });
export type UserGroupMembersInputs = z.output<typeof userGroupMembersInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const userGroupMembersOutputs = z.object({
  groupId: z.string(),
  groupName: z.string(),
  memberIds: z.array(z.string()),
  grantIds: z.array(z.string()),
  missingMembers: z.array(z.string()),
  extraMembers: z.array(z.string()),
  exclusive: z.boolean(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type UserGroupMembersOutputs = z.output<typeof userGroupMembersOutputs>;

/**
 * `UserGroupMembers`: a set of users in one user group. Id `<groupId>`.
 *
 * By default it owns only the users it lists: others in the group are left alone and never reported. With
 * `exclusive: true` it owns the whole group: anyone not listed is removed on the next `up`, and a refresh reports
 * them as `extraMembers`.
 */
export function userGroupMembersKind(context: () => ResourceContext, now: () => number = Date.now): ResourceKind {
  const parse = (props: Props) => parseInputs(userGroupMembersInputs, props);

  /** Resolves the group and every listed user, collecting every failure rather than stopping at the first. */
  async function resolveAll(ctx: ResourceContext, inputs: UserGroupMembersInputs) {
    const index = await ctx.graph(inputs.orgId);
    const failures: CheckFailure[] = [];
    const group = resolveGroup(index, { id: inputs.groupId, name: inputs.groupName });
    if (!group.ok) failures.push(group.failure);
    const memberIds: string[] = [];
    const seen = new Map<string, string>();
    const add = (userId: string, property: string, wanted = true) => {
      const earlier = seen.get(userId);
      if (earlier) {
        failures.push({ property, reason: `names the same user as ${earlier}: list each user once` });
      } else {
        seen.set(userId, property);
        if (wanted) memberIds.push(userId);
      }
    };
    (inputs.userIds ?? []).forEach((id, i) => {
      const user = resolveUser(index, { id }, { id: `userIds[${i}]`, email: "userEmails" });
      if (user.ok) add(user.value.id, `userIds[${i}]`);
      else failures.push(user.failure);
    });
    (inputs.userEmails ?? []).forEach((email, i) => {
      const user = resolveUser(index, { email }, { id: "userIds", email: `userEmails[${i}]` });
      if (user.ok) add(user.value.id, `userEmails[${i}]`);
      else failures.push(user.failure);
    });
    // A member whose entry has expired is still resolved (a typo fails the same way) but not wanted.
    const instant = now();
    for (const [key, entry] of Object.entries(inputs.members ?? {})) {
      const property = `members.${key}`;
      const ref = isJumpCloudId(key) ? { id: key } : { email: key };
      const user = resolveUser(index, ref, { id: property, email: property });
      if (user.ok) add(user.value.id, property, inForce(entry, instant));
      else failures.push(user.failure);
    }
    return { index, group, memberIds: sorted(memberIds), failures };
  }

  function outputs(group: Group, inputs: UserGroupMembersInputs, memberIds: string[], adopted: boolean): Props {
    const outs: UserGroupMembersOutputs = {
      groupId: group.id,
      groupName: group.name,
      memberIds,
      grantIds: grantIdsOf(group.id, memberIds),
      missingMembers: [],
      extraMembers: [],
      exclusive: inputs.exclusive === true,
      adopted,
    };
    return withOrg(outs, inputs.orgId);
  }

  async function converge(
    ctx: ResourceContext,
    inputs: UserGroupMembersInputs,
    previous: readonly string[],
  ): Promise<{ group: Group; memberIds: string[]; adopted: boolean }> {
    const resolved = await resolveAll(ctx, inputs);
    if (resolved.failures.length) {
      throw new JumpCloudError("invalid_input", resolved.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    }
    const group = must(resolved.group);
    const { index, memberIds } = resolved;
    const empty = emptyExclusiveSetReason(group, index, emptySetInputs(inputs, memberIds));
    if (empty) throw new JumpCloudError("invalid_input", `${membersProperty(inputs)}: ${empty}`);
    const org = index.org;
    ctx.declared.record(org, grantIdsOf(group.id, memberIds));
    // A user dropped from this list but declared by another resource of the update (moved to a membership or to
    // another set) stays. For an exclusive set that cannot happen in a program that passed check, which refuses a
    // second style on its group; the rule is the same anyway.
    const parent = groupMembers(ctx, inputs.orgId, index, group);
    const { toAdd, keep, toRemove } = planSet({
      wanted: memberIds,
      current: index.groupMembers(group.id),
      previous,
      exclusive: inputs.exclusive === true,
      declared: (userId) => ctx.declared.declares(org, parent.grantId(userId)),
    });
    if ((toAdd.length || toRemove.length) && isDynamicGroup(group)) {
      throw new JumpCloudError("unsupported", `Cannot change the members: ${dynamicGroupReason(group)}`);
    }
    await applySet(ctx, parent, toAdd, toRemove);
    noticeKept(ctx, parent, keep);
    return { group, memberIds, adopted: toAdd.length === 0 };
  }

  return {
    async check(olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (anyUnknown(inputs)) return { inputs };
      const ctx = context();
      const { index, group, memberIds, failures } = await resolveAll(ctx, inputs);
      if (group.ok) {
        const property = givenKey(inputs, ["groupId", "groupName"]);
        if (isDynamicGroup(group.value)) failures.push({ property, reason: dynamicGroupReason(group.value) });
        const style = inputs.exclusive === true ? "members-exclusive" : "members";
        const fingerprint = `members:${memberIds.join(",")}:${inputs.exclusive === true}`;
        const conflict = ctx.claims.claim(index.org, group.value.id, group.value.name, style, fingerprint);
        if (conflict) failures.push({ property, reason: conflict });
        for (const userId of memberIds) {
          const revoked = ctx.edgeClaims.claimPresent(
            index.org,
            membershipId(group.value.id, userId),
            "UserGroupMembers",
          );
          if (revoked) failures.push({ property, reason: revoked });
        }
        const empty = emptyExclusiveSetReason(group.value, index, emptySetInputs(inputs, memberIds));
        if (empty) failures.push({ property: membersProperty(inputs), reason: empty });
        // A new set warns here (preview runs no diff for it); an existing one warns in diff, when it changes.
        const isNew = olds.groupId === undefined && olds.groupName === undefined;
        if (isNew && inputs.exclusive === true && !failures.length)
          warnOnMostRemoved(ctx, group.value, index, memberIds);
      }
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "UserGroupMembers inputs");
      if (!(await sameOrg(context(), olds.orgId, inputs.orgId))) return replaceOn(["orgId"]);
      const groupKey = givenKey(inputs, ["groupId", "groupName"]);
      if (anyUnknown({ a: inputs.groupId, b: inputs.groupName })) return replaceOn([groupKey]);
      if (anyUnknown(inputs)) return { changes: true };
      const ctx = context();
      const { index, group, memberIds } = await resolveAll(ctx, inputs);
      const groupId = must(group).id;
      ctx.declared.record(index.org, grantIdsOf(groupId, memberIds));
      if (groupId !== olds.groupId) return replaceOn([groupKey]);
      const owned: string[] = Array.isArray(olds.memberIds) ? olds.memberIds : [];
      const drifted =
        (Array.isArray(olds.missingMembers) && olds.missingMembers.length > 0) ||
        (inputs.exclusive === true && Array.isArray(olds.extraMembers) && olds.extraMembers.length > 0) ||
        liveDrift(memberIds, index.groupMembers(groupId), inputs.exclusive === true);
      const changed =
        owned.join(",") !== memberIds.join(",") || (olds.exclusive === true) !== (inputs.exclusive === true);
      if ((drifted || changed) && inputs.exclusive === true) warnOnMostRemoved(ctx, must(group), index, memberIds);
      return { changes: drifted || changed };
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "UserGroupMembers inputs");
      const { group, memberIds, adopted } = await converge(context(), inputs, []);
      return { id: group.id, outs: outputs(group, inputs, memberIds, adopted) };
    },

    async update(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "UserGroupMembers inputs");
      const previous: string[] = Array.isArray(olds.memberIds) ? olds.memberIds : [];
      const { group, memberIds } = await converge(context(), inputs, previous);
      return { outs: outputs(group, inputs, memberIds, olds.adopted === true) };
    },

    async read(id, props) {
      const index = await context().graph(props.orgId);
      const group = index.groupsById.get(id);
      if (!group) return { id: "", props: {} };
      const owned: string[] = Array.isArray(props.memberIds) ? props.memberIds : [];
      const current = index.groupMembers(id);
      const missingMembers = owned.filter((userId) => !current.has(userId));
      const extraMembers = props.exclusive === true ? sorted([...current].filter((u) => !owned.includes(u))) : [];
      return { id, props: { ...props, groupName: group.name, missingMembers, extraMembers } };
    },

    async delete(id, props) {
      const ctx = context();
      const owned: string[] = Array.isArray(props.memberIds) ? props.memberIds : [];
      const group = { id, name: String(props.groupName ?? id) };
      const parent = groupMembers(ctx, props.orgId, ctx.loadedGraph(props.orgId), group);
      const org = await ctx.org(props.orgId);
      const { keep, remove } = splitDeclared(owned, (userId) => ctx.declared.declares(org, parent.grantId(userId)));
      await applySet(ctx, parent, [], remove);
      noticeKept(ctx, parent, keep);
    },
  };
}

const emptySetInputs = (inputs: UserGroupMembersInputs, memberIds: readonly string[]) => ({
  exclusive: inputs.exclusive === true,
  allowEmpty: inputs.allowEmpty === true,
  memberIds,
});

/** The list a refusal of an empty set points at: the one the program gave, or `userEmails`. */
const membersProperty = (inputs: UserGroupMembersInputs) => givenKey(inputs, ["members", "userEmails", "userIds"]);

const grantIdsOf = (groupId: string, userIds: readonly string[]): string[] =>
  userIds.map((userId) => membershipId(groupId, userId));

/** The group an edit names: a deleted resource knows only its id and the name in its state. */
type GroupRef = Pick<Group, "id" | "name">;

/** A user group's members as the set skeleton sees them. */
function groupMembers(
  ctx: ResourceContext,
  orgId: string | undefined,
  index: OrgIndex | undefined,
  group: GroupRef,
): EdgeSetParent {
  const api = ctx.api(orgId);
  return {
    label: `user group "${group.name}"`,
    noun: "member",
    preposition: "in",
    listingKey: membersListingKey(orgKey(orgId), group.id),
    list: () => api.listGroupMembers(group.id),
    grantId: (userId) => membershipId(group.id, userId),
    childLabel: (userId) => index?.usersById.get(userId)?.email ?? userId,
    add: (userId) => api.addGroupMember(group.id, userId),
    remove: (userId) => api.removeGroupMember(group.id, userId),
    patchAdded: (userId) => index?.addMembership(group.id, userId),
    patchRemoved: (userId) => index?.removeMembership(group.id, userId),
    parentExists: () => api.groupExists(group.id),
    gone: (what) => groupGone(what, group.id),
  };
}
