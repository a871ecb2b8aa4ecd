import { z } from "zod";
import { JumpCloudError } from "../errors";
import { membershipId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { adoptOrAdd, type EdgeSpec, edgeKind, type ParentListing, removeEdge, splitId, withOrg } from "./edge-kind";
import { exactlyOne, givenKey, groupFields, orgId, parseInputs, userFields } from "./inputs";
import type { OrgIndex } from "./org-index";
import { resolveGroup, resolveUser } from "./resolve";
import type { Props, ResourceKind } from "./resource-kind";
import { dynamicGroupReason, groupGone, isDynamicGroup, membersListingKey } from "./user-groups";

/** The inputs, validated; the type every method works with comes from this schema. */
export const userGroupMembershipInputs = z
  .object({ ...groupFields, ...userFields, orgId })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["groupId", "groupName"], ctx, "user group");
    exactlyOne(props, ["userId", "userEmail"], ctx, "user");
  });
export type UserGroupMembershipInputs = z.output<typeof userGroupMembershipInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const userGroupMembershipOutputs = z.object({
  groupId: z.string(),
  userId: z.string(),
  groupName: z.string(),
  userEmail: z.string(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type UserGroupMembershipOutputs = z.output<typeof userGroupMembershipOutputs>;

const edge: EdgeSpec<UserGroupMembershipInputs, ReturnType<typeof resolveEnds>> = {
  name: "UserGroupMembership",
  parse: (props) => parseInputs(userGroupMembershipInputs, props),
  ends: [
    ["groupId", "groupName"],
    ["userId", "userEmail"],
  ],
  resolve: resolveEnds,
  grantId: ({ group, user }) => membershipId(group.id, user.id),
  moved: ({ group, user }, olds) => [group.id !== olds.groupId, user.id !== olds.userId],
  refuseWrite({ group, user }) {
    if (isDynamicGroup(group)) {
      throw new JumpCloudError("unsupported", `Cannot add ${user.email}: ${dynamicGroupReason(group)}`);
    }
  },
  checkMore(ctx, inputs, { group, user }, index) {
    if (!group.ok) return [];
    const failures = [];
    const property = givenKey(inputs, ["groupId", "groupName"]);
    if (isDynamicGroup(group.value)) failures.push({ property, reason: dynamicGroupReason(group.value) });
    const fingerprint = `membership:${user.ok ? user.value.id : JSON.stringify(inputs)}`;
    const conflict = ctx.claims.claim(index.org, group.value.id, group.value.name, "membership", fingerprint);
    if (conflict) failures.push({ property, reason: conflict });
    return failures;
  },
};

function resolveEnds(index: OrgIndex, inputs: UserGroupMembershipInputs) {
  return {
    group: resolveGroup(index, { id: inputs.groupId, name: inputs.groupName }),
    user: resolveUser(index, { id: inputs.userId, email: inputs.userEmail }),
  };
}

const membersListing = (ctx: ResourceContext, orgId: string | undefined, groupId: string, userId: string) =>
  ({
    key: membersListingKey(orgKey(orgId), groupId),
    list: () => ctx.api(orgId).listGroupMembers(groupId),
    childId: userId,
  }) satisfies ParentListing;

/**
 * `UserGroupMembership`: one user bound directly to one user group. Id `<groupId>/<userId>`.
 * Additive: it owns this one edge and nothing else about the group.
 */
export function userGroupMembershipKind(context: () => ResourceContext): ResourceKind {
  return edgeKind(edge, context, {
    async create(ctx, inputs, { index, ends: { group, user } }) {
      const api = ctx.api(inputs.orgId);
      const adopted = await adoptOrAdd(ctx, membersListing(ctx, inputs.orgId, group.id, user.id), {
        present: index.hasMembership(group.id, user.id),
        what: `${user.email} in user group "${group.name}"`,
        add: () => api.addGroupMember(group.id, user.id),
        patchGraph: () => index.addMembership(group.id, user.id),
      });
      const outs: UserGroupMembershipOutputs = {
        groupId: group.id,
        userId: user.id,
        groupName: group.name,
        userEmail: user.email,
        adopted,
      };
      return { id: membershipId(group.id, user.id), outs: withOrg(outs, inputs.orgId) };
    },

    async read(ctx, id, props) {
      const [groupId = "", userId = ""] = splitId(id, 2, ID_SHAPE);
      const index = await ctx.graph(props.orgId);
      const group = index.groupsById.get(groupId);
      const user = index.usersById.get(userId);
      if (!group || !user || !index.hasMembership(groupId, userId)) return { id: "", props: {} };
      return { id, props: { ...props, groupId, userId, groupName: group.name, userEmail: user.email } };
    },

    deleting(id, props) {
      const [groupId = "", userId = ""] = splitId(id, 2, ID_SHAPE);
      return { grantId: membershipId(groupId, userId), what: who(props, groupId, userId) };
    },

    async remove(ctx, id, props) {
      const [groupId = "", userId = ""] = splitId(id, 2, ID_SHAPE);
      const api = ctx.api(props.orgId);
      await removeEdge(ctx, membersListing(ctx, props.orgId, groupId, userId), {
        what: who(props, groupId, userId),
        remove: () => api.removeGroupMember(groupId, userId),
        patchGraph: () => ctx.loadedGraph(props.orgId)?.removeMembership(groupId, userId),
        parentExists: () => api.groupExists(groupId),
        gone: () => groupGone(who(props, groupId, userId), groupId),
      });
    },
  });
}

const ID_SHAPE = "<groupId>/<userId>";

const who = (props: Props, groupId: string, userId: string) =>
  `${props.userEmail ?? userId} in user group "${props.groupName ?? groupId}"`;
