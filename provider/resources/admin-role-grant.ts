import { z } from "zod";
import { JumpCloudError } from "../errors";
import { adminRoleId } from "../sync/graph";
import type { AccessApi } from "./access-api";
import { confirmRoles } from "./confirm-write";
import type { ResourceContext } from "./context";
import { type EdgeSpec, edgeKind, must, parentGone, splitId, withOrg } from "./edge-kind";
import { email, exactlyOne, known, objectId, orgId, parseInputs, text } from "./inputs";
import type { OrgIndex } from "./org-index";
import { resolveAdmin, resolveRole, resolveRoleRef } from "./resolve";
import type { ResourceKind } from "./resource-kind";

/** The inputs, validated; the type every method works with comes from this schema. */
export const adminRoleGrantInputs = z
  .object({
    adminId: known(objectId("admin")).optional(),
    adminEmail: known(email).optional(),
    roleId: known(objectId("role")).optional(),
    roleName: known(text("role name")).optional(),
    revokeTo: known(text("role name or id")).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["adminId", "adminEmail"], ctx, "admin account");
    exactlyOne(props, ["roleId", "roleName"], ctx, "role");
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
    if (admin.ok && role.ok) ctx.declaredAdminRoles.add(`${index.org}/${admin.value.id}/${role.value.id}`);
    const revokeTo = resolveRevokeTo(index, inputs);
    return revokeTo.ok ? [] : [revokeTo.failure];
  },
  changedInPlace: (_ends, olds, inputs, index) => must(resolveRevokeTo(index, inputs)).id !== olds.revokeToId,
};

/**
 * `AdminRoleGrant`: an administrator account holds a role. Id `<adminId>/<roleId>`.
 *
 * An admin's roles are one field of one object, so every grant and revoke is a read-modify-write of that admin,
 * serialized per admin within the process. JumpCloud admins always hold at least one role: revoking the last one
 * moves the admin to `revokeTo` ("Read Only" unless set), never to anything broader, and says so. Creating a grant
 * for an admin who holds nothing but that fallback role replaces it, so a role change (delete, then create)
 * leaves exactly the new role.
 */
export function adminRoleGrantKind(context: () => ResourceContext): ResourceKind {
  return edgeKind(edge, context, {
    async create(ctx, inputs, { index, ends: { admin, role } }) {
      const revokeTo = must(resolveRevokeTo(index, inputs));
      const org = index.org;
      const api = ctx.api(inputs.orgId);
      const adopted = await ctx.locks.run(`${org}/${admin.id}`, async () => {
        const current = await api.adminRoleIds(admin.id);
        if (current.includes(role.id)) {
          index.setAdminRoleIds(admin.id, current);
          return true;
        }
        const onlyFallback =
          current.length === 1 &&
          current[0] === revokeTo.id &&
          !ctx.declaredAdminRoles.has(`${org}/${admin.id}/${revokeTo.id}`);
        const next = onlyFallback ? [role.id] : [...current, role.id];
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
        adopted,
      };
      return { id: adminRoleId(admin.id, role.id), outs: withOrg(outs, inputs.orgId) };
    },

    async update(_ctx, inputs, { index }, olds) {
      const revokeTo = must(resolveRevokeTo(index, inputs));
      return { outs: { ...olds, revokeTo: revokeTo.name, revokeToId: revokeTo.id } };
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
          if (!fallback || fallback === roleId) {
            throw new JumpCloudError(
              "conflict",
              `Cannot revoke role "${roleName}" from ${who}: it is the admin's only role, and JumpCloud admins must hold one.`,
              {
                hint: "Set revokeTo to another role on this resource and run `pulumi up` first, or remove the administrator account in JumpCloud.",
              },
            );
          }
          next = [fallback];
          ctx.notify(
            `pulumi-jumpcloud-access: "${roleName}" was the only role of ${who}; moved the admin to "${props.revokeTo ?? fallback}" (revokeTo) instead of leaving a broader role.`,
          );
        }
        await writeRoles(api, ctx.loadedGraph(props.orgId), adminId, next, who);
      });
    },
  });
}

const ID_SHAPE = "<adminId>/<roleId>";

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
