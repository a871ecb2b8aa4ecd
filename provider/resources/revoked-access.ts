import { z } from "zod";
import { JumpCloudError } from "../errors";
import { adminRoleId, type ApplicationTargetType, applicationAssignmentId, membershipId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { must, parentGone, replaceOn, sameOrg, withOrg } from "./edge-kind";
import { applySet, type EdgeSetParent } from "./edge-set";
import {
  anyUnknown,
  email,
  givenKey,
  groupFields,
  inputsOrThrow,
  isUnknown,
  known,
  list,
  noDuplicates,
  objectId,
  orgId,
  parseInputs,
  text,
} from "./inputs";
import type { OrgIndex } from "./org-index";
import {
  type Resolved,
  resolveAdmin,
  resolveApplication,
  resolveGroup,
  resolveRole,
  resolveRoleRef,
  resolveUser,
} from "./resolve";
import type { CheckFailure, Props, ResourceKind } from "./resource-kind";
import { DEFAULT_REVOKE_TO, writeRoles } from "./admin-role-grant";
import { dynamicGroupReason, groupGone, isDynamicGroup, membersListingKey } from "./user-groups";

/** The inputs, validated; the type every method works with comes from this schema. */
export const revokedAccessInputs = z
  .object({
    ...groupFields,
    applicationId: known(objectId("application")).optional(),
    applicationName: known(text("application name")).optional(),
    adminId: known(objectId("admin")).optional(),
    adminEmail: known(email).optional(),
    userEmails: list(email, "email addresses").optional(),
    userGroupNames: list(text("user group name"), "user group names").optional(),
    roleNames: list(text("role name"), "role names").optional(),
    revokeTo: known(text("role name or id")).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    const parents = PARENT_KEYS.filter((key) => props[key] !== undefined);
    if (parents.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [parents[1] ?? "groupName"],
        message: `set exactly one of ${PARENT_KEYS.join(", ")} to name what the access is revoked from (${parents.length ? `${parents.join(", ")} are set` : "none is set"})`,
      });
      return;
    }
    const parent = parentTypeOf(props);
    const allowed = CHILD_KEYS[parent];
    for (const key of ["userEmails", "userGroupNames", "roleNames", "revokeTo"] as const) {
      if (props[key] !== undefined && !allowed.includes(key)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `does not apply to ${PARENT_LABELS[parent]}: give ${allowed.filter((k) => k !== "revokeTo").join(" or ")}`,
        });
      }
    }
    const children = allowed.filter((key) => key !== "revokeTo" && Array.isArray(props[key]) && props[key].length);
    if (children.length === 0) {
      ctx.addIssue({ code: "custom", path: [allowed[0] ?? "userEmails"], message: NOTHING_REVOKED[parent] });
    }
    noDuplicates(props.userEmails, "userEmails", ctx, (s) => s.toLowerCase());
    noDuplicates(props.userGroupNames, "userGroupNames", ctx, (s) => s.toLowerCase());
    noDuplicates(props.roleNames, "roleNames", ctx, (s) => s.toLowerCase());
  });
export type RevokedAccessInputs = z.output<typeof revokedAccessInputs>;

const PARENT_KEYS = ["groupId", "groupName", "applicationId", "applicationName", "adminId", "adminEmail"] as const;

type ParentType = "user_group" | "application" | "admin";
type ChildType = "user" | "user_group" | "role";

const PARENT_LABELS: Record<ParentType, string> = {
  user_group: "a user group",
  application: "an application",
  admin: "an admin account",
};

const NOTHING_REVOKED: Record<ParentType, string> = {
  user_group: "list at least one user (userEmails) whose membership is revoked",
  application: "list at least one user (userEmails) or user group (userGroupNames) whose assignment is revoked",
  admin: "list at least one role (roleNames) to revoke",
};

const CHILD_KEYS: Record<ParentType, readonly ("userEmails" | "userGroupNames" | "roleNames" | "revokeTo")[]> = {
  user_group: ["userEmails"],
  application: ["userEmails", "userGroupNames"],
  admin: ["roleNames", "revokeTo"],
};

function parentTypeOf(props: Props): ParentType {
  if (props.groupId !== undefined || props.groupName !== undefined) return "user_group";
  if (props.applicationId !== undefined || props.applicationName !== undefined) return "application";
  return "admin";
}

/** One edge held absent: the child (a user, a user group, a role) and the access graph's grant id. */
export const revokedEdge = z.object({
  grantId: z.string(),
  childType: z.enum(["user", "user_group", "role"]),
  childId: z.string(),
  /** The user's email, the group's or the role's name. */
  label: z.string(),
});
export type RevokedEdge = z.output<typeof revokedEdge>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const revokedAccessOutputs = z.object({
  parentType: z.enum(["user_group", "application", "admin"]),
  parentId: z.string(),
  parentName: z.string(),
  revoked: z.array(revokedEdge),
  removed: z.array(z.string()),
  regranted: z.array(z.string()),
  revokeTo: z.string(),
  revokeToId: z.string(),
  orgId: z.string().optional(),
});
export type RevokedAccessOutputs = z.output<typeof revokedAccessOutputs>;

interface Parent {
  type: ParentType;
  id: string;
  name: string;
}

interface Resolution {
  parent: Resolved<Parent>;
  edges: RevokedEdge[];
  failures: CheckFailure[];
  /** The admin's fallback role, for an admin parent. */
  revokeTo?: Resolved<{ id: string; name: string }>;
  dynamicGroup?: string;
}

const describeParent = (parent: Pick<Parent, "type" | "name">): string =>
  parent.type === "user_group"
    ? `user group "${parent.name}"`
    : parent.type === "application"
      ? `application "${parent.name}"`
      : `administrator ${parent.name}`;

const describeEdge = (parent: Pick<Parent, "type" | "name">, edge: Pick<RevokedEdge, "childType" | "label">) =>
  parent.type === "admin"
    ? `role "${edge.label}" of ${describeParent(parent)}`
    : `${edge.childType === "user_group" ? `user group "${edge.label}"` : edge.label} ${parent.type === "user_group" ? "in" : "assigned"} ${describeParent(parent)}`;

/** Resolves the parent and every child against the synced organization (pure), collecting every failure. */
function resolveAll(index: OrgIndex, inputs: RevokedAccessInputs): Resolution {
  const type = parentTypeOf(inputs);
  const failures: CheckFailure[] = [];
  const edges: RevokedEdge[] = [];
  const keep = <T>(resolved: Resolved<T>): T | undefined => {
    if (resolved.ok) return resolved.value;
    failures.push(resolved.failure);
    return undefined;
  };
  // A child that no longer exists cannot hold the access, but a typo would silently revoke nothing: refuse both,
  // and say how to tell them apart.
  const child = <T>(resolved: Resolved<T>): T | undefined => {
    if (resolved.ok || !resolved.failure.reason.startsWith("no ")) return keep(resolved);
    const reason = `${resolved.failure.reason} If it was deleted, its access went with it: remove it from the revocation.`;
    return keep({ ok: false, failure: { ...resolved.failure, reason } });
  };
  let parent: Resolved<Parent>;
  const result: Omit<Resolution, "parent"> = { edges, failures };
  if (type === "user_group") {
    const group = resolveGroup(index, { id: inputs.groupId, name: inputs.groupName });
    parent = group.ok ? { ok: true, value: { type, id: group.value.id, name: group.value.name } } : group;
    if (group.ok && isDynamicGroup(group.value)) result.dynamicGroup = dynamicGroupReason(group.value);
  } else if (type === "application") {
    const app = resolveApplication(index, { id: inputs.applicationId, name: inputs.applicationName });
    parent = app.ok ? { ok: true, value: { type, id: app.value.id, name: app.value.label } } : app;
  } else {
    const admin = resolveAdmin(index, { id: inputs.adminId, email: inputs.adminEmail });
    parent = admin.ok ? { ok: true, value: { type, id: admin.value.id, name: admin.value.email } } : admin;
    result.revokeTo = resolveRoleRef(index, inputs.revokeTo ?? DEFAULT_REVOKE_TO, "revokeTo");
    keep(result.revokeTo);
  }
  const parentValue = keep(parent);
  const grantId = (childType: ChildType, childId: string) => {
    if (!parentValue) return "";
    if (type === "user_group") return membershipId(parentValue.id, childId);
    if (type === "application")
      return applicationAssignmentId(parentValue.id, childType as ApplicationTargetType, childId);
    return adminRoleId(parentValue.id, childId);
  };
  (inputs.userEmails ?? []).forEach((address, i) => {
    const user = child(resolveUser(index, { email: address }, { id: "userEmails", email: `userEmails[${i}]` }));
    if (user) edges.push({ grantId: grantId("user", user.id), childType: "user", childId: user.id, label: user.email });
  });
  (inputs.userGroupNames ?? []).forEach((name, i) => {
    const props = { id: "userGroupNames", name: `userGroupNames[${i}]` };
    const group = child(resolveGroup(index, { name }, props));
    if (group) {
      edges.push({
        grantId: grantId("user_group", group.id),
        childType: "user_group",
        childId: group.id,
        label: group.name,
      });
    }
  });
  (inputs.roleNames ?? []).forEach((name, i) => {
    const role = child(resolveRole(index, { name }, { id: "roleNames", name: `roleNames[${i}]` }));
    if (role) edges.push({ grantId: grantId("role", role.id), childType: "role", childId: role.id, label: role.name });
  });
  edges.sort((a, b) => a.grantId.localeCompare(b.grantId));
  return { ...result, parent };
}

/**
 * `RevokedAccess`: access that must be ABSENT, one resource per parent (a user group, an application, an admin
 * account) holding every edge of that parent that a review revoked. Id `<parentId>`.
 *
 * `create` and `update` remove each edge JumpCloud shows (and wait until its listing no longer shows it); an edge
 * already absent costs nothing. A refresh lists the edges that came back (a console re-grant) in `regranted`, so a
 * drift gate fails and the next `up` removes them again. `delete` does nothing: dropping the rule re-grants nothing.
 * An edge another resource of the program grants is refused at `check`, naming both. Removing an admin's only role
 * moves the admin to `revokeTo` ("Read Only" unless set), like `AdminRoleGrant`.
 */
export function revokedAccessKind(context: () => ResourceContext): ResourceKind {
  const parse = (props: Props) => parseInputs(revokedAccessInputs, props);
  const parsed = (props: Props) => inputsOrThrow(parse(props), "RevokedAccess inputs");

  async function converge(ctx: ResourceContext, inputs: RevokedAccessInputs): Promise<Props> {
    const index = await ctx.graph(inputs.orgId);
    const resolved = resolveAll(index, inputs);
    if (resolved.failures.length) {
      throw new JumpCloudError("invalid_input", resolved.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    }
    const parent = must(resolved.parent);
    const org = index.org;
    // Never remove what another resource of this update grants: check refuses such a program, and a run that
    // skipped check (or a grant checked after this one started) is stopped here before any write.
    const granted = resolved.edges.filter((edge) => ctx.declared.declares(org, edge.grantId));
    if (granted.length) {
      throw new JumpCloudError(
        "conflict",
        `Cannot revoke ${granted.map((edge) => describeEdge(parent, edge)).join(", ")}: another resource in this update grants it.`,
        { hint: "Remove the revocation or the grant from the program, then run `pulumi up` again." },
      );
    }
    let removed: RevokedEdge[];
    let revokeTo = { id: "", name: "" };
    if (parent.type === "admin" && resolved.revokeTo) {
      revokeTo = must(resolved.revokeTo);
      removed = await removeRoles(ctx, inputs.orgId, index, parent, resolved.edges, revokeTo);
    } else {
      removed = resolved.edges.filter((edge) => isPresent(index, parent, edge));
      if (removed.length && resolved.dynamicGroup) {
        throw new JumpCloudError("unsupported", `Cannot remove members: ${resolved.dynamicGroup}`);
      }
      for (const childType of ["user", "user_group"] as const) {
        const ids = removed.filter((edge) => edge.childType === childType).map((edge) => edge.childId);
        if (ids.length) await applySet(ctx, setParent(ctx, inputs.orgId, index, parent, childType), [], ids);
      }
    }
    const outs: RevokedAccessOutputs = {
      parentType: parent.type,
      parentId: parent.id,
      parentName: parent.name,
      revoked: resolved.edges,
      removed: removed.map((edge) => edge.label).sort(),
      regranted: [],
      revokeTo: revokeTo.name,
      revokeToId: revokeTo.id,
    };
    return withOrg(outs, inputs.orgId);
  }

  return {
    async check(_olds, news) {
      const result = parse(news);
      if (!result.ok) return { inputs: news, failures: result.failures };
      const inputs = result.value;
      if (anyUnknown(inputs)) return { inputs };
      const ctx = context();
      const index = await ctx.graph(inputs.orgId);
      const { parent, edges, failures, dynamicGroup } = resolveAll(index, inputs);
      if (!parent.ok) return { inputs, failures };
      const parentKey = givenKey(inputs, [...PARENT_KEYS]);
      if (dynamicGroup) failures.push({ property: parentKey, reason: dynamicGroup });
      const revokeToRole = parent.value.type === "admin" ? (inputs.revokeTo ?? DEFAULT_REVOKE_TO) : undefined;
      for (const edge of edges) {
        if (revokeToRole !== undefined && edge.childId === resolveRoleRefId(index, revokeToRole)) {
          failures.push({
            property: "revokeTo",
            reason: `role "${edge.label}" is revoked here, so it cannot also be the role the admin falls back to: set revokeTo to another role.`,
          });
        }
        const what = describeEdge(parent.value, edge);
        const conflict = ctx.edgeClaims.claimAbsent(index.org, edge.grantId, "RevokedAccess", what);
        if (conflict) failures.push({ property: parentKey, reason: conflict });
      }
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = parsed(news);
      if (!(await sameOrg(context(), olds.orgId, inputs.orgId))) return replaceOn(["orgId"]);
      const parentKey = givenKey(inputs, [...PARENT_KEYS]);
      if (PARENT_KEYS.some((key) => isUnknown(inputs[key]))) return replaceOn([parentKey]);
      if (anyUnknown(inputs)) return { changes: true };
      const index = await context().graph(inputs.orgId);
      const resolved = resolveAll(index, inputs);
      const parent = must(resolved.parent);
      if (parent.id !== olds.parentId || parent.type !== olds.parentType) return replaceOn([parentKey]);
      const before: RevokedEdge[] = Array.isArray(olds.revoked) ? olds.revoked : [];
      const changed =
        before.map((edge) => edge.grantId).join(",") !== resolved.edges.map((edge) => edge.grantId).join(",") ||
        (parent.type === "admin" && resolved.revokeTo?.ok === true && resolved.revokeTo.value.id !== olds.revokeToId);
      // A re-grant found by a refresh, or seen now in this run's sync: either way the update removes it again.
      const regranted =
        (Array.isArray(olds.regranted) && olds.regranted.length > 0) ||
        resolved.edges.some((edge) => isPresent(index, parent, edge));
      return { changes: changed || regranted };
    },

    async create(props) {
      const outs = await converge(context(), parsed(props));
      return { id: String(outs.parentId), outs };
    },

    async update(_id, _olds, news) {
      return { outs: await converge(context(), parsed(news)) };
    },

    async read(id, props) {
      const index = await context().graph(props.orgId);
      const parent: Parent = {
        type: props.parentType as ParentType,
        id,
        name: String(props.parentName ?? id),
      };
      const edges: RevokedEdge[] = Array.isArray(props.revoked) ? props.revoked : [];
      // A parent deleted in JumpCloud took its edges with it: the revocation holds, nothing came back.
      const regranted = edges.filter((edge) => isPresent(index, parent, edge)).map((edge) => edge.label);
      return { id, props: { ...props, regranted: regranted.sort() } };
    },

    // Dropping a revocation leaves the access as it is: nothing is re-granted, no request is sent.
    async delete() {},
  };
}

function resolveRoleRefId(index: OrgIndex, value: string): string | undefined {
  const role = resolveRoleRef(index, value, "revokeTo");
  return role.ok ? role.value.id : undefined;
}

function isPresent(index: OrgIndex, parent: Parent, edge: RevokedEdge): boolean {
  if (parent.type === "user_group") return index.hasMembership(parent.id, edge.childId);
  if (parent.type === "application") {
    return index.hasAssignment(parent.id, edge.childType as ApplicationTargetType, edge.childId);
  }
  return index.adminRoleIds(parent.id).includes(edge.childId);
}

/** A group's members, or an application's users or groups, as the set skeleton removes them. */
function setParent(
  ctx: ResourceContext,
  orgId: string | undefined,
  index: OrgIndex,
  parent: Parent,
  childType: "user" | "user_group",
): EdgeSetParent {
  const api = ctx.api(orgId);
  const labels = (id: string) =>
    (childType === "user" ? index.usersById.get(id)?.email : index.groupsById.get(id)?.name) ?? id;
  if (parent.type === "user_group") {
    return {
      label: describeParent(parent),
      noun: "member",
      preposition: "in",
      listingKey: membersListingKey(orgKey(orgId), parent.id),
      list: () => api.listGroupMembers(parent.id),
      grantId: (userId) => membershipId(parent.id, userId),
      childLabel: labels,
      add: (userId) => api.addGroupMember(parent.id, userId),
      remove: (userId) => api.removeGroupMember(parent.id, userId),
      patchAdded: (userId) => index.addMembership(parent.id, userId),
      patchRemoved: (userId) => index.removeMembership(parent.id, userId),
      parentExists: () => api.groupExists(parent.id),
      gone: (what) => groupGone(what, parent.id),
    };
  }
  return {
    label: describeParent(parent),
    noun: "assignment",
    preposition: "of",
    listingKey: `associations/${orgKey(orgId)}/${parent.id}/${childType}`,
    list: () => api.listApplicationAssociations(parent.id, childType),
    grantId: (targetId) => applicationAssignmentId(parent.id, childType, targetId),
    childLabel: labels,
    add: (targetId) => api.assignApplication(parent.id, childType, targetId),
    remove: (targetId) => api.unassignApplication(parent.id, childType, targetId),
    patchAdded: (targetId) => index.addAssignment(parent.id, childType, targetId),
    patchRemoved: (targetId) => index.removeAssignment(parent.id, childType, targetId),
    parentExists: () => api.applicationExists(parent.id),
    gone: (what) =>
      parentGone(
        `Cannot confirm the removal of ${what}: JumpCloud has no application ${parent.id}.`,
        "the application was removed in JumpCloud",
        "assignments",
      ),
  };
}

/**
 * Removes the revoked roles the admin holds, read fresh under the per-admin lock (an admin's roles are one field).
 * Removing the last role moves the admin to `revokeTo`, never to anything broader, and says so.
 */
async function removeRoles(
  ctx: ResourceContext,
  orgId: string | undefined,
  index: OrgIndex,
  parent: Parent,
  edges: readonly RevokedEdge[],
  revokeTo: { id: string; name: string },
): Promise<RevokedEdge[]> {
  const api = ctx.api(orgId);
  // The same lock key as the admin-role grant kind: one read-modify-write of an admin at a time, whichever kind.
  return ctx.locks.run(`${await ctx.org(orgId)}/${parent.id}`, async () => {
    let current: string[];
    try {
      current = await api.adminRoleIds(parent.id);
    } catch (error) {
      if (error instanceof JumpCloudError && error.code === "not_found") {
        throw parentGone(
          `Cannot revoke roles of ${describeParent(parent)}: the admin account no longer exists in JumpCloud.`,
          "the account was deleted",
          "roles",
          error,
        );
      }
      throw error;
    }
    const removed = edges.filter((edge) => current.includes(edge.childId));
    if (removed.length === 0) {
      index.setAdminRoleIds(parent.id, current);
      return [];
    }
    const gone = new Set(removed.map((edge) => edge.childId));
    let next = current.filter((roleId) => !gone.has(roleId));
    if (next.length === 0) {
      next = [revokeTo.id];
      ctx.notify(
        `pulumi-jumpcloud-access: ${removed.map((edge) => `"${edge.label}"`).join(", ")} held every role of ${describeParent(parent)}; moved the admin to "${revokeTo.name}" (revokeTo) instead of leaving a broader role.`,
      );
    }
    await writeRoles(api, index, parent.id, next, describeParent(parent));
    return removed;
  });
}
