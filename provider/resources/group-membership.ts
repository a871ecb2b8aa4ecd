import { JumpCloudError } from "../errors";
import type { CheckFailure, Props, ResourceKind } from "../dynamic/types";
import { membershipId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { keptNotice } from "./declared-edges";
import { type MembershipInputs, membershipSchema, parseInputs } from "./inputs";
import {
  anyUnknown,
  dynamicGroupReason,
  givenKey,
  inputsOrThrow,
  isDynamicGroup,
  must,
  replaceOn,
  sameOrg,
  splitId,
  withOrg,
} from "./kind-support";
import { resolveGroup, resolveUser } from "./resolve";

/**
 * `UserGroupMembership`: one user bound directly to one user group. Id `<groupId>/<userId>`.
 * Additive: it owns this one edge and nothing else about the group.
 */
export function userGroupMembershipKind(context: () => ResourceContext): ResourceKind {
  const parse = (props: Props) => parseInputs<MembershipInputs>(membershipSchema, props);

  async function resolveAll(ctx: ResourceContext, inputs: MembershipInputs) {
    const index = await ctx.graph(inputs.orgId);
    const group = resolveGroup(index, { id: inputs.groupId, name: inputs.groupName });
    const user = resolveUser(index, { id: inputs.userId, email: inputs.userEmail });
    return { index, group, user };
  }

  return {
    async check(_olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (anyUnknown(inputs)) return { inputs };
      const ctx = context();
      const { group, user } = await resolveAll(ctx, inputs);
      const failures: CheckFailure[] = [];
      if (!group.ok) failures.push(group.failure);
      if (!user.ok) failures.push(user.failure);
      if (group.ok) {
        const property = givenKey(inputs, ["groupId", "groupName"]);
        if (isDynamicGroup(group.value)) failures.push({ property, reason: dynamicGroupReason(group.value) });
        const fingerprint = `membership:${user.ok ? user.value.id : JSON.stringify(inputs)}`;
        const conflict = ctx.claims.claim(
          orgKey(inputs.orgId),
          group.value.id,
          group.value.name,
          "membership",
          fingerprint,
        );
        if (conflict) failures.push({ property, reason: conflict });
      }
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "UserGroupMembership inputs");
      if (!sameOrg(olds.orgId, inputs.orgId)) return replaceOn(["orgId"]);
      const groupKey = givenKey(inputs, ["groupId", "groupName"]);
      const userKey = givenKey(inputs, ["userId", "userEmail"]);
      const replaces: string[] = [];
      if (anyUnknown(inputs)) {
        if (anyUnknown({ g: inputs.groupId, n: inputs.groupName })) replaces.push(groupKey);
        if (anyUnknown({ u: inputs.userId, e: inputs.userEmail })) replaces.push(userKey);
        return replaceOn(replaces);
      }
      const ctx = context();
      const { group, user } = await resolveAll(ctx, inputs);
      const groupId = must(group).id;
      const userId = must(user).id;
      ctx.declared.record(orgKey(inputs.orgId), [membershipId(groupId, userId)]);
      if (groupId !== olds.groupId) replaces.push(groupKey);
      if (userId !== olds.userId) replaces.push(userKey);
      return replaceOn(replaces);
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "UserGroupMembership inputs");
      const ctx = context();
      const resolved = await resolveAll(ctx, inputs);
      const group = must(resolved.group);
      const user = must(resolved.user);
      if (isDynamicGroup(group))
        throw new JumpCloudError("unsupported", `Cannot add ${user.email}: ${dynamicGroupReason(group)}`);
      ctx.declared.record(orgKey(inputs.orgId), [membershipId(group.id, user.id)]);
      const { index } = resolved;
      let adopted = index.hasMembership(group.id, user.id);
      if (!adopted) {
        const api = ctx.api(inputs.orgId);
        const outcome = await api.addGroupMember(group.id, user.id);
        index.addMembership(group.id, user.id);
        adopted = outcome === "already_present";
        if (outcome === "added") {
          await ctx.visibility.waitFor(
            `members/${orgKey(inputs.orgId)}/${group.id}`,
            () => api.listGroupMembers(group.id),
            user.id,
            true,
          );
        }
      }
      const outs = { groupId: group.id, userId: user.id, groupName: group.name, userEmail: user.email, adopted };
      return { id: membershipId(group.id, user.id), outs: withOrg(outs, inputs.orgId) };
    },

    async read(id, props) {
      const [groupId = "", userId = ""] = splitId(id, 2, "<groupId>/<userId>");
      const index = await context().graph(props.orgId);
      const group = index.groupsById.get(groupId);
      const user = index.usersById.get(userId);
      if (!group || !user || !index.hasMembership(groupId, userId)) return { id: "", props: {} };
      return { id, props: { ...props, groupId, userId, groupName: group.name, userEmail: user.email } };
    },

    async delete(id, props) {
      const [groupId = "", userId = ""] = splitId(id, 2, "<groupId>/<userId>");
      const ctx = context();
      const who = `${props.userEmail ?? userId} in user group "${props.groupName ?? groupId}"`;
      if (ctx.declared.declares(orgKey(props.orgId), membershipId(groupId, userId))) {
        ctx.notify(keptNotice(who));
        return;
      }
      const api = ctx.api(props.orgId);
      const outcome = await api.removeGroupMember(groupId, userId);
      ctx.loadedGraph(props.orgId)?.removeMembership(groupId, userId);
      if (outcome === "absent") {
        await confirmGroupExists(api.groupExists(groupId), who, groupId);
        return;
      }
      await ctx.visibility.waitFor(
        `members/${orgKey(props.orgId)}/${groupId}`,
        () => api.listGroupMembers(groupId),
        userId,
        false,
      );
    },
  };
}

/** A 404 on removal means "not a member" only if the group still exists; otherwise the org or the key is wrong. */
export async function confirmGroupExists(exists: Promise<boolean>, what: string, groupId: string): Promise<void> {
  if (await exists) return;
  throw new JumpCloudError(
    "not_found",
    `Cannot confirm the removal of ${what}: JumpCloud has no user group ${groupId}.`,
    {
      hint:
        "If the group was deleted in JumpCloud, its memberships went with it: remove this resource from the stack with " +
        "`pulumi state delete <urn>`. If the key or orgId points at another organization, fix the configuration and run again.",
    },
  );
}
