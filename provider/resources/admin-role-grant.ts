import { z } from "zod";
import { JumpCloudError } from "../errors";
import { adminRoleId, type Role } from "../sync/graph";
import type { AccessApi } from "./access-api";
import { confirmRoles } from "./confirm-write";
import type { ResourceContext } from "./context";
import { type EdgeSpec, edgeKind, must, parentGone, splitId, withOrg } from "./edge-kind";
import { email, exactlyOne, givenKey, known, objectId, orgId, parseInputs, text } from "./inputs";
import type { OrgIndex } from "./org-index";
import { type Resolved, resolveAdmin, resolveRole, resolveRoleRef } from "./resolve";
import { escalationRefused, movedNotice, revokeToRefusal, revokeToRefusalByName } from "./revoke-to";
import type { CheckFailure, ResourceKind } from "./resource-kind";

/** The inputs, validated; the type every method works with comes from this schema. */
export const adminRoleGrantInputs = z
  .object({
    adminId: known(objectId("admin")).optional(),
    adminEmail: known(email).optional(),
    roleId: known(objectId("role")).optional(),
    roleName: known(text("role name")).optional(),
    revokeTo: known(text("role name or id")).optional(),
    allowCustomRevokeTo: known(z.boolean({ error: "must be true or false" })).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["adminId", "adminEmail"], ctx, "admin account");
    exactlyOne(props, ["roleId", "roleName"], ctx, "role");
    const refusal = revokeToRefusalByName([props.roleName], props.revokeTo, props.allowCustomRevokeTo === true);
    if (refusal) ctx.addIssue({ code: "custom", path: ["revokeTo"], message: refusal });
  });
export type AdminRoleGrantInputs = z.output<typeof adminRoleGrantInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const adminRoleGrantOutputs = z.object({
  adminId: z.string(),
  adminEmail: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  revokeTo: z.string(),
  revokeToId: z.string(),
  allowCustomRevokeTo: z.boolean(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type AdminRoleGrantOutputs = z.output<typeof adminRoleGrantOutputs>;

export const DEFAULT_REVOKE_TO = "Read Only";

const resolveEnds = (index: OrgIndex, inputs: AdminRoleGrantInputs) => ({
  admin: resolveAdmin(index, { id: inputs.adminId, email: inputs.adminEmail }),
  role: resolveRole(index, { id: inputs.roleId, name: inputs.roleName }),
});

const resolveRevokeTo = (index: OrgIndex, inputs: AdminRoleGrantInputs) =>
  resolveRoleRef(index, inputs.revokeTo ?? DEFAULT_REVOKE_TO, "revokeTo");

/** The fallback role, resolved and checked against the granted role (#12.4: it never escalates). */
function checkedRevokeTo(index: OrgIndex, inputs: AdminRoleGrantInputs, role: Role): Resolved<Role> {
  const revokeTo = resolveRevokeTo(index, inputs);
  if (!revokeTo.ok) return revokeTo;
  const refusal = revokeToRefusal([role], revokeTo.value, inputs.allowCustomRevokeTo === true);
  return refusal ? { ok: false, failure: { property: "revokeTo", reason: refusal } } : revokeTo;
}

const edge: EdgeSpec<AdminRoleGrantInputs, ReturnType<typeof resolveEnds>> = {
  name: "AdminRoleGrant",
  parse: (props) => parseInputs(adminRoleGrantInputs, props),
  ends: [
    ["adminId", "adminEmail"],
    ["roleId", "roleName"],
  ],
  resolve: resolveEnds,
  grantId: ({ admin, role }) => adminRoleId(admin.id, role.id),
  moved: ({ admin, role }, olds) => [admin.id !== olds.adminId, role.id !== olds.roleId],
  checkMore(ctx, inputs, { admin, role }, index) {
    const failures: CheckFailure[] = [];
    if (admin.ok && role.ok) {
      const org = index.org;
      ctx.declaredAdminRoles.add(`${org}/${admin.value.id}/${role.value.id}`);
      const fingerprint = `grant:${role.value.id}:${inputs.revokeTo ?? ""}`;
      const conflict = ctx.adminClaims.claim(org, admin.value.id, admin.value.email, "grant", fingerprint);
      if (conflict) failures.push({ property: givenKey(inputs, ["adminId", "adminEmail"]), reason: conflict });
    }
    const revokeTo = role.ok ? checkedRevokeTo(index, inputs, role.value) : resolveRevokeTo(index, inputs);
    return revokeTo.ok ? failures : [...failures, revokeTo.failure];
  },
  changedInPlace: ({ role }, olds, inputs, index) =>
    must(checkedRevokeTo(index, inputs, role)).id !== olds.revokeToId ||
    (inputs.allowCustomRevokeTo === true) !== (olds.allowCustomRevokeTo === true),
};

/**
 * `AdminRoleGrant`: an administrator account holds a role. Id `<adminId>/<roleId>`.
 *
 * An admin's roles are one field of one object, so every grant and revoke is a read-modify-write of that admin,
 * serialized per admin within the process. JumpCloud admins always hold at least one role: revoking the last one
 * moves the admin to `revokeTo` ("Read Only" unless set), which must have no more privileges than the role revoked
 * (`revoke-to.ts`; checked in `check` and again before the revoke), and says so. A grant replaces that fallback
 * only when a revoke of the same run put it there (`replacesFallback`), so a role change (delete, then create)
 * leaves exactly the new role, and a fallback the admin held before or another resource declares is kept.
 */
export function adminRoleGrantKind(context: () => ResourceContext): ResourceKind {
  return edgeKind(edge, context, {
    async create(ctx, inputs, { index, ends: { admin, role } }) {
      const revokeTo = must(checkedRevokeTo(index, inputs, role));
      const org = index.org;
      const api = ctx.api(inputs.orgId);
      const adopted = await ctx.locks.run(`${org}/${admin.id}`, async () => {
        const current = await api.adminRoleIds(admin.id);
        if (current.includes(role.id)) {
          index.setAdminRoleIds(admin.id, current);
          return true;
        }
        const next = replacesFallback(ctx, org, admin.id, current, revokeTo.id) ? [role.id] : [...current, role.id];
        await writeRoles(api, index, admin.id, next, `administrator ${admin.email}`);
        return false;
      });
      const outs: AdminRoleGrantOutputs = {
        adminId: admin.id,
        adminEmail: admin.email,
        roleId: role.id,
        roleName: role.name,
        revokeTo: revokeTo.name,
        revokeToId: revokeTo.id,
        allowCustomRevokeTo: inputs.allowCustomRevokeTo === true,
        adopted,
      };
      return { id: adminRoleId(admin.id, role.id), outs: withOrg(outs, inputs.orgId) };
    },

    async update(_ctx, inputs, { index, ends: { role } }, olds) {
      const revokeTo = must(checkedRevokeTo(index, inputs, role));
      const allowCustomRevokeTo = inputs.allowCustomRevokeTo === true;
      return { outs: { ...olds, revokeTo: revokeTo.name, revokeToId: revokeTo.id, allowCustomRevokeTo } };
    },

    async read(ctx, id, props) {
      const [adminId = "", roleId = ""] = splitId(id, 2, ID_SHAPE);
      const index = await ctx.graph(props.orgId);
      const admin = index.adminsById.get(adminId);
      const role = index.rolesById.get(roleId);
      if (!admin || !role || !index.adminRoleIds(adminId).includes(roleId)) return { id: "", props: {} };
      return { id, props: { ...props, adminId, roleId, adminEmail: admin.email, roleName: role.name } };
    },

    deleting(id, props) {
      const [adminId = "", roleId = ""] = splitId(id, 2, ID_SHAPE);
      return {
        grantId: adminRoleId(adminId, roleId),
        what: `role "${String(props.roleName ?? roleId)}" of administrator ${props.adminEmail ?? adminId}`,
      };
    },

    async remove(ctx, id, props) {
      const [adminId = "", roleId = ""] = splitId(id, 2, ID_SHAPE);
      const api = ctx.api(props.orgId);
      const who = `administrator ${props.adminEmail ?? adminId}`;
      const roleName = String(props.roleName ?? roleId);
      await ctx.locks.run(`${await ctx.org(props.orgId)}/${adminId}`, async () => {
        let current: string[];
        try {
          current = await api.adminRoleIds(adminId);
        } catch (error) {
          if (error instanceof JumpCloudError && error.code === "not_found") {
            throw parentGone(
              `Cannot revoke role "${roleName}" from ${who}: the admin account no longer exists in JumpCloud.`,
              "the account was deleted",
              "roles",
              error,
            );
          }
          throw error;
        }
        if (!current.includes(roleId)) return;
        let next = current.filter((r) => r !== roleId);
        if (next.length === 0) {
          const fallback = typeof props.revokeToId === "string" ? props.revokeToId : undefined;
          if (fallback === roleId) {
            // The role is the admin's floor already: revoking it would move the admin to the same role. This is
            // how a destroy ends when another grant of the same admin was revoked first, so it is not an error.
            ctx.notify(
              `pulumi-jumpcloud-access: "${roleName}" is the only role of ${who} and its revokeTo fallback; the admin keeps it (JumpCloud admins must hold a role).`,
            );
            return;
          }
          if (!fallback) {
            throw new JumpCloudError(
              "conflict",
              `Cannot revoke role "${roleName}" from ${who}: it is the admin's only role, and JumpCloud admins must hold one.`,
              {
                hint: "Set revokeTo to another role on this resource and run `pulumi up` first, or remove the administrator account in JumpCloud.",
              },
            );
          }
          // The state may predate the rule, or the catalogue may have changed since check: compare again.
          const index = await ctx.graph(props.orgId);
          const revoked = index.rolesById.get(roleId) ?? { id: roleId, name: roleName, builtIn: false };
          const revokeTo = index.rolesById.get(fallback);
          if (!revokeTo) {
            throw escalationRefused(
              who,
              `its revokeTo role ${props.revokeTo ?? fallback} no longer exists in JumpCloud`,
            );
          }
          const refusal = revokeToRefusal([revoked], revokeTo, props.allowCustomRevokeTo === true);
          if (refusal) throw escalationRefused(who, refusal);
          next = [fallback];
          ctx.fallbacksSet.add(`${await ctx.org(props.orgId)}/${adminId}/${fallback}`);
          ctx.notify(movedNotice(who, [revoked], revokeTo));
        }
        await writeRoles(api, ctx.loadedGraph(props.orgId), adminId, next, who);
      });
    },
  });
}

const ID_SHAPE = "<adminId>/<roleId>";

/**
 * True when a grant may replace the admin's only role, the fallback: only when a revoke of this run put it there
 * (a role change, delete then create, leaves exactly the new role) and no resource of this run declares it. A
 * fallback the admin held before, or that another resource grants, stays whatever order the engine runs them in.
 */
export function replacesFallback(
  ctx: ResourceContext,
  org: string,
  adminId: string,
  current: readonly string[],
  fallbackId: string,
): boolean {
  return (
    current.length === 1 &&
    current[0] === fallbackId &&
    ctx.fallbacksSet.has(`${org}/${adminId}/${fallbackId}`) &&
    !ctx.declared.declares(org, adminRoleId(adminId, fallbackId)) &&
    !ctx.declaredAdminRoles.has(`${org}/${adminId}/${fallbackId}`)
  );
}

/** Writes the roles; JumpCloud's answer must show exactly them (`confirmRoles`), or the write is not done. */
export async function writeRoles(
  api: AccessApi,
  index: OrgIndex | undefined,
  adminId: string,
  roleIds: string[],
  who: string,
): Promise<void> {
  confirmRoles(roleIds, await api.setAdminRoles(adminId, roleIds), who);
  index?.setAdminRoleIds(adminId, roleIds);
}
