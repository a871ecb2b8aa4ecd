import { JumpCloudError } from "../errors";
import type { CheckFailure, Props, ResourceKind } from "../dynamic/types";
import { adminRoleId } from "../sync/graph";
import type { AccessApi } from "./access-api";
import { type ResourceContext, orgKey } from "./context";
import { keptNotice } from "./declared-edges";
import type { GraphIndex } from "./graph-index";
import { type AdminRoleInputs, adminRoleSchema, parseInputs } from "./inputs";
import { anyUnknown, givenKey, inputsOrThrow, must, replaceOn, sameOrg, splitId, withOrg } from "./kind-support";
import { resolveAdmin, resolveRole, resolveRoleRef } from "./resolve";

export const DEFAULT_REVOKE_TO = "Read Only";

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
  const parse = (props: Props) => parseInputs<AdminRoleInputs>(adminRoleSchema, props);

  async function resolveAll(ctx: ResourceContext, inputs: AdminRoleInputs) {
    const index = await ctx.graph(inputs.orgId);
    return {
      index,
      admin: resolveAdmin(index, { id: inputs.adminId, email: inputs.adminEmail }),
      role: resolveRole(index, { id: inputs.roleId, name: inputs.roleName }),
      revokeTo: resolveRoleRef(index, inputs.revokeTo ?? DEFAULT_REVOKE_TO, "revokeTo"),
    };
  }

  return {
    async check(_olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (anyUnknown(inputs)) return { inputs };
      const ctx = context();
      const { admin, role, revokeTo } = await resolveAll(ctx, inputs);
      const failures: CheckFailure[] = [];
      for (const r of [admin, role, revokeTo]) if (!r.ok) failures.push(r.failure);
      if (admin.ok && role.ok) ctx.declaredAdminRoles.add(`${orgKey(inputs.orgId)}/${admin.value.id}/${role.value.id}`);
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "AdminRoleGrant inputs");
      if (!sameOrg(olds.orgId, inputs.orgId)) return replaceOn(["orgId"]);
      const adminKey = givenKey(inputs, ["adminId", "adminEmail"]);
      const roleKey = givenKey(inputs, ["roleId", "roleName"]);
      if (anyUnknown(inputs)) {
        const replaces: string[] = [];
        if (anyUnknown({ a: inputs.adminId, b: inputs.adminEmail })) replaces.push(adminKey);
        if (anyUnknown({ a: inputs.roleId, b: inputs.roleName })) replaces.push(roleKey);
        return replaces.length ? replaceOn(replaces) : { changes: true };
      }
      const ctx = context();
      const { admin, role, revokeTo } = await resolveAll(ctx, inputs);
      const replaces: string[] = [];
      const adminId = must(admin).id;
      const roleId = must(role).id;
      ctx.declared.record(orgKey(inputs.orgId), [adminRoleId(adminId, roleId)]);
      if (adminId !== olds.adminId) replaces.push(adminKey);
      if (roleId !== olds.roleId) replaces.push(roleKey);
      if (replaces.length) return replaceOn(replaces);
      return { changes: must(revokeTo).id !== olds.revokeToId };
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "AdminRoleGrant inputs");
      const ctx = context();
      const resolved = await resolveAll(ctx, inputs);
      const admin = must(resolved.admin);
      const role = must(resolved.role);
      const revokeTo = must(resolved.revokeTo);
      const org = orgKey(inputs.orgId);
      ctx.declared.record(org, [adminRoleId(admin.id, role.id)]);
      const api = ctx.api(inputs.orgId);
      const adopted = await ctx.locks.run(`${org}/${admin.id}`, async () => {
        const current = await api.adminRoleIds(admin.id);
        if (current.includes(role.id)) {
          resolved.index.setAdminRoleIds(admin.id, current);
          return true;
        }
        const onlyFallback =
          current.length === 1 &&
          current[0] === revokeTo.id &&
          !ctx.declaredAdminRoles.has(`${org}/${admin.id}/${revokeTo.id}`);
        const next = onlyFallback ? [role.id] : [...current, role.id];
        await writeRoles(ctx, api, resolved.index, admin.id, next, (roles) => roles.includes(role.id));
        return false;
      });
      const outs = {
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

    async update(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "AdminRoleGrant inputs");
      const ctx = context();
      const resolved = await resolveAll(ctx, inputs);
      ctx.declared.record(orgKey(inputs.orgId), [adminRoleId(must(resolved.admin).id, must(resolved.role).id)]);
      const revokeTo = must(resolved.revokeTo);
      return { outs: { ...olds, revokeTo: revokeTo.name, revokeToId: revokeTo.id } };
    },

    async read(id, props) {
      const [adminId = "", roleId = ""] = splitId(id, 2, "<adminId>/<roleId>");
      const index = await context().graph(props.orgId);
      const admin = index.adminsById.get(adminId);
      const role = index.rolesById.get(roleId);
      if (!admin || !role || !index.adminRoleIds(adminId).includes(roleId)) return { id: "", props: {} };
      return { id, props: { ...props, adminId, roleId, adminEmail: admin.email, roleName: role.name } };
    },

    async delete(id, props) {
      const [adminId = "", roleId = ""] = splitId(id, 2, "<adminId>/<roleId>");
      const ctx = context();
      const api = ctx.api(props.orgId);
      const who = `administrator ${props.adminEmail ?? adminId}`;
      const roleName = String(props.roleName ?? roleId);
      if (ctx.declared.declares(orgKey(props.orgId), adminRoleId(adminId, roleId))) {
        ctx.notify(keptNotice(`role "${roleName}" of ${who}`));
        return;
      }
      await ctx.locks.run(`${orgKey(props.orgId)}/${adminId}`, async () => {
        let current: string[];
        try {
          current = await api.adminRoleIds(adminId);
        } catch (error) {
          if (error instanceof JumpCloudError && error.code === "not_found") {
            throw new JumpCloudError(
              "not_found",
              `Cannot revoke role "${roleName}" from ${who}: the admin account no longer exists in JumpCloud.`,
              {
                hint:
                  "If the account was deleted, its roles went with it: remove this resource from the stack with `pulumi state delete <urn>`. " +
                  "If the key or orgId points at another organization, fix the configuration and run again.",
                cause: error,
              },
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
        await writeRoles(ctx, api, ctx.loadedGraph(props.orgId), adminId, next, (roles) => !roles.includes(roleId));
      });
    },
  };
}

/** Writes the roles, then reads the admin back until JumpCloud shows them (bounded, like the edge writes). */
async function writeRoles(
  ctx: ResourceContext,
  api: AccessApi,
  index: GraphIndex | undefined,
  adminId: string,
  roleIds: string[],
  visible: (roles: string[]) => boolean,
): Promise<void> {
  const after = await api.setAdminRoles(adminId, roleIds);
  index?.setAdminRoleIds(adminId, roleIds);
  if (visible(after)) return;
  // The lock serializes writes per admin, so one waiter per admin at a time; the key names the roles anyway.
  const list = async () => (visible(await api.adminRoleIds(adminId)) ? ["visible"] : []);
  await ctx.visibility.waitFor(`admin/${adminId}/${roleIds.join(",")}`, list, "visible", true);
}
