import { z } from "zod";
import { JumpCloudError } from "../errors";
import { JUMPCLOUD_ID } from "../ids";
import { canonicalJson } from "../review/canonical-json";
import { type Admin, adminRoleId, type Role } from "../sync/graph";
import { DEFAULT_REVOKE_TO, replacesFallback, writeRoles } from "./admin-role-grant";
import type { ResourceContext } from "./context";
import { keptNotice } from "./declared-edges";
import { liveDrift } from "./edge-set";
import { type GrantEntry, grantEntries, grantEntry, inForce } from "./grant-entry";
import { must, parentGone, replaceOn, sameOrg, sorted, withOrg } from "./edge-kind";
import {
  anyUnknown,
  exactlyOne,
  givenKey,
  inputsOrThrow,
  known,
  objectId,
  orgId,
  parseInputs,
  email,
  text,
} from "./inputs";
import type { OrgIndex } from "./org-index";
import { type Resolved, resolveAdmin, resolveRoleRef } from "./resolve";
import type { CheckFailure, Props, ResourceKind } from "./resource-kind";
import { escalationRefused, movedNotice, revokeToRefusal, revokeToRefusalByName } from "./revoke-to";

/** What one role of the set carries (the shared entry of every keyed set). */
export const adminRoleEntry = grantEntry;
export type AdminRoleEntry = GrantEntry;

/** The inputs, validated; the type every method works with comes from this schema. */
export const adminRolesInputs = z
  .object({
    adminId: known(objectId("admin")).optional(),
    adminEmail: known(email).optional(),
    roles: grantEntries("role name"),
    exclusive: known(z.boolean({ error: "must be true or false" })).optional(),
    revokeTo: known(text("role name or id")).optional(),
    allowCustomRevokeTo: known(z.boolean({ error: "must be true or false" })).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["adminId", "adminEmail"], ctx, "admin account");
    if (typeof props.roles !== "object" || props.roles === null) return;
    const allowCustom = props.allowCustomRevokeTo === true;
    const refusal = revokeToRefusalByName(Object.keys(props.roles), props.revokeTo, allowCustom);
    if (refusal) ctx.addIssue({ code: "custom", path: ["revokeTo"], message: refusal });
    for (const key of Object.keys(props.roles)) {
      const check = text("role name").safeParse(key);
      if (!check.success) {
        ctx.addIssue({
          code: "custom",
          path: ["roles", key],
          message: `the key ${JSON.stringify(key)} ${check.error.issues[0]?.message ?? "is not a role name"}`,
        });
      }
    }
  });
export type AdminRolesInputs = z.output<typeof adminRolesInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const adminRolesOutputs = z.object({
  adminId: z.string(),
  adminEmail: z.string(),
  /** The role ids this resource owns (listed and not expired), sorted. */
  roleIds: z.array(z.string()),
  /** The names of `roleIds`, in the same order. */
  roleNames: z.array(z.string()),
  grantIds: z.array(z.string()),
  /** Owned roles JumpCloud no longer shows on the admin (after a refresh), by name. */
  missingRoles: z.array(z.string()),
  /** Roles the admin holds that the set does not list (exclusive only, after a refresh), by name. */
  extraRoles: z.array(z.string()),
  exclusive: z.boolean(),
  revokeTo: z.string(),
  revokeToId: z.string(),
  allowCustomRevokeTo: z.boolean(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type AdminRolesOutputs = z.output<typeof adminRolesOutputs>;

interface ResolvedSet {
  index: OrgIndex;
  admin: Resolved<Admin>;
  /** Listed roles in force now, sorted by id. */
  wanted: Role[];
  /** Every listed role, expired or not: all of them may be revoked, so `revokeTo` is compared with each. */
  listed: Role[];
  revokeTo: Resolved<Role>;
  failures: CheckFailure[];
}

/**
 * `AdminRoles`: one administrator account's owned set of roles. Id `<adminId>`.
 *
 * The roles are a map keyed by role name (or id), so a diff names the roles added and removed. By default the set owns
 * only the roles it lists: others the admin holds are left alone. With `exclusive` the admin holds exactly the listed
 * roles. An entry whose `expires` has passed is not granted (and is revoked if the set granted it). Revoking the
 * admin's last role moves the admin to `revokeTo` exactly as `AdminRoleGrant` does (never to a role with more
 * privileges, `revoke-to.ts`), and a role another resource of the update declares is kept.
 */
export function adminRolesKind(context: () => ResourceContext, now: () => number = Date.now): ResourceKind {
  const parse = (props: Props) => parseInputs(adminRolesInputs, props);

  async function resolveAll(ctx: ResourceContext, inputs: AdminRolesInputs): Promise<ResolvedSet> {
    const index = await ctx.graph(inputs.orgId);
    const failures: CheckFailure[] = [];
    const admin = resolveAdmin(index, { id: inputs.adminId, email: inputs.adminEmail });
    if (!admin.ok) failures.push(admin.failure);
    const wanted: Role[] = [];
    const listed: Role[] = [];
    const seen = new Map<string, string>();
    const instant = now();
    for (const [key, entry] of Object.entries(inputs.roles)) {
      const property = `roles.${key}`;
      const role = resolveRoleRef(index, key, property);
      if (!role.ok) {
        failures.push(role.failure);
        continue;
      }
      const earlier = seen.get(role.value.id);
      if (earlier !== undefined) {
        failures.push({
          property,
          reason: `names the same role as roles.${earlier} ("${role.value.name}"): list each role once`,
        });
        continue;
      }
      seen.set(role.value.id, key);
      listed.push(role.value);
      if (inForce(entry, instant)) wanted.push(role.value);
    }
    wanted.sort((a, b) => (a.id < b.id ? -1 : 1));
    const revokeTo = resolveRoleRef(index, inputs.revokeTo ?? DEFAULT_REVOKE_TO, "revokeTo");
    let checkedRevokeTo = revokeTo;
    if (revokeTo.ok) {
      const refusal = revokeToRefusal(listed, revokeTo.value, inputs.allowCustomRevokeTo === true);
      if (refusal) checkedRevokeTo = { ok: false, failure: { property: "revokeTo", reason: refusal } };
    }
    if (!checkedRevokeTo.ok) failures.push(checkedRevokeTo.failure);
    return { index, admin, wanted, listed, revokeTo: checkedRevokeTo, failures };
  }

  function resolvedOrThrow(set: ResolvedSet): { admin: Admin; revokeTo: Role } {
    if (set.failures.length) {
      throw new JumpCloudError(
        "invalid_input",
        `Invalid AdminRoles inputs: ${set.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
        { hint: "Fix the inputs named above in the program." },
      );
    }
    return { admin: must(set.admin), revokeTo: must(set.revokeTo) };
  }

  function outputs(
    admin: Admin,
    inputs: AdminRolesInputs,
    wanted: readonly Role[],
    revokeTo: Role,
    adopted: boolean,
  ): Props {
    const outs: AdminRolesOutputs = {
      adminId: admin.id,
      adminEmail: admin.email,
      roleIds: wanted.map((r) => r.id),
      roleNames: wanted.map((r) => r.name),
      grantIds: wanted.map((r) => adminRoleId(admin.id, r.id)),
      missingRoles: [],
      extraRoles: [],
      exclusive: inputs.exclusive === true,
      revokeTo: revokeTo.name,
      revokeToId: revokeTo.id,
      allowCustomRevokeTo: inputs.allowCustomRevokeTo === true,
      adopted,
    };
    // The map as given is kept too: `diff` then sees a note changed (reason, ticket) and records it in place.
    return { ...withOrg(outs, inputs.orgId), roles: inputs.roles };
  }

  /** Brings the admin's roles to the set in one read-modify-write under the admin's lock. Returns whether it adopted. */
  async function converge(ctx: ResourceContext, inputs: AdminRolesInputs, previous: readonly string[]) {
    const set = await resolveAll(ctx, inputs);
    const { admin, revokeTo } = resolvedOrThrow(set);
    const org = set.index.org;
    const wantedIds = set.wanted.map((r) => r.id);
    ctx.declared.record(
      org,
      wantedIds.map((roleId) => adminRoleId(admin.id, roleId)),
    );
    const api = ctx.api(inputs.orgId);
    const who = `administrator ${admin.email}`;
    const adopted = await ctx.locks.run(`${org}/${admin.id}`, async () => {
      const current = await api.adminRoleIds(admin.id);
      const wanted = new Set(wantedIds);
      const toAdd = wantedIds.filter((id) => !current.includes(id));
      const candidates = new Set(previous.filter((id) => !wanted.has(id) && current.includes(id)));
      if (inputs.exclusive === true) for (const id of current) if (!wanted.has(id)) candidates.add(id);
      if (wanted.size > 0 && !wanted.has(revokeTo.id) && replacesFallback(ctx, org, admin.id, current, revokeTo.id)) {
        candidates.add(revokeTo.id);
      }
      const keep = [...candidates].filter((id) => ctx.declared.declares(org, adminRoleId(admin.id, id)));
      const remove = [...candidates].filter((id) => !keep.includes(id));
      let next = [...current.filter((id) => !remove.includes(id)), ...toAdd];
      if (next.length === 0) {
        // Left with nothing: the fallback, unless the admin already holds it (then it simply stays).
        const allowCustom = inputs.allowCustomRevokeTo === true;
        next = current.includes(revokeTo.id)
          ? [revokeTo.id]
          : [fallbackFor(ctx, org, set.index, admin, who, remove, revokeTo, allowCustom)];
      }
      if (!sameSet(next, current)) await writeRoles(api, set.index, admin.id, next, who);
      noticeKeptRoles(ctx, set.index, who, keep);
      return toAdd.length === 0;
    });
    return { admin, wanted: set.wanted, revokeTo, adopted };
  }

  return {
    async check(_olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (anyUnknown(inputs) || anyUnknown(inputs.roles)) return { inputs };
      const ctx = context();
      const set = await resolveAll(ctx, inputs);
      const failures = [...set.failures];
      if (set.admin.ok) {
        const exclusive = inputs.exclusive === true;
        const fingerprint = `roles:${set.listed
          .map((r) => r.id)
          .sort()
          .join(",")}:${exclusive}`;
        const conflict = ctx.adminClaims.claim(
          set.index.org,
          set.admin.value.id,
          set.admin.value.email,
          exclusive ? "roles-exclusive" : "roles",
          fingerprint,
        );
        if (conflict) failures.push({ property: givenKey(inputs, ["adminId", "adminEmail"]), reason: conflict });
      }
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "AdminRoles inputs");
      if (!(await sameOrg(context(), olds.orgId, inputs.orgId))) return replaceOn(["orgId"]);
      const adminKey = givenKey(inputs, ["adminId", "adminEmail"]);
      if (anyUnknown({ a: inputs.adminId, b: inputs.adminEmail })) return replaceOn([adminKey]);
      if (anyUnknown(inputs) || anyUnknown(inputs.roles)) return { changes: true };
      const ctx = context();
      const set = await resolveAll(ctx, inputs);
      const { admin, revokeTo } = resolvedOrThrow(set);
      const wantedIds = set.wanted.map((r) => r.id);
      ctx.declared.record(
        set.index.org,
        wantedIds.map((roleId) => adminRoleId(admin.id, roleId)),
      );
      if (admin.id !== olds.adminId) return replaceOn([adminKey]);
      const owned: string[] = Array.isArray(olds.roleIds) ? olds.roleIds : [];
      const drifted =
        (Array.isArray(olds.missingRoles) && olds.missingRoles.length > 0) ||
        (inputs.exclusive === true && Array.isArray(olds.extraRoles) && olds.extraRoles.length > 0) ||
        // Missing roles only: an admin left with no listed role holds `revokeTo`, which is not drift.
        liveDrift(wantedIds, new Set(admin.roleIds), false);
      const changed =
        owned.join(",") !== wantedIds.join(",") ||
        (olds.exclusive === true) !== (inputs.exclusive === true) ||
        olds.revokeToId !== revokeTo.id ||
        (olds.allowCustomRevokeTo === true) !== (inputs.allowCustomRevokeTo === true) ||
        canonicalJson(olds.roles) !== canonicalJson(inputs.roles);
      return { changes: drifted || changed };
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "AdminRoles inputs");
      const { admin, wanted, revokeTo, adopted } = await converge(context(), inputs, []);
      return { id: admin.id, outs: outputs(admin, inputs, wanted, revokeTo, adopted) };
    },

    async update(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "AdminRoles inputs");
      const previous: string[] = Array.isArray(olds.roleIds) ? olds.roleIds : [];
      const { admin, wanted, revokeTo } = await converge(context(), inputs, previous);
      return { outs: outputs(admin, inputs, wanted, revokeTo, olds.adopted === true) };
    },

    async read(id, props) {
      const index = await context().graph(props.orgId);
      const admin = index.adminsById.get(id);
      if (!admin) return { id: "", props: {} };
      const owned: string[] = Array.isArray(props.roleIds) ? props.roleIds : [];
      const current = index.adminRoleIds(id);
      const name = (roleId: string) => index.rolesById.get(roleId)?.name ?? roleId;
      const missingRoles = sorted(owned.filter((r) => !current.includes(r)).map(name));
      // An exclusive set whose roles all expired leaves the admin on its fallback: that role is not drift.
      const expected = owned.length === 0 ? [String(props.revokeToId ?? "")] : owned;
      const extraRoles = props.exclusive === true ? sorted(current.filter((r) => !expected.includes(r)).map(name)) : [];
      return { id, props: { ...props, adminEmail: admin.email, missingRoles, extraRoles } };
    },

    async delete(id, props) {
      if (!JUMPCLOUD_ID.test(id)) {
        throw new JumpCloudError("invalid_input", `The resource id "${id}" is not an administrator id.`, {
          hint: "The state was edited by hand or written by another tool: restore it, or remove the resource from the stack.",
        });
      }
      const ctx = context();
      const org = await ctx.org(props.orgId);
      const owned: string[] = Array.isArray(props.roleIds) ? props.roleIds : [];
      const who = `administrator ${props.adminEmail ?? id}`;
      const api = ctx.api(props.orgId);
      await ctx.locks.run(`${org}/${id}`, async () => {
        let current: string[];
        try {
          current = await api.adminRoleIds(id);
        } catch (error) {
          if (error instanceof JumpCloudError && error.code === "not_found") {
            throw parentGone(
              `Cannot revoke the roles of ${who}: the admin account no longer exists in JumpCloud.`,
              "the account was deleted",
              "roles",
              error,
            );
          }
          throw error;
        }
        const held = owned.filter((roleId) => current.includes(roleId));
        const keep = held.filter((roleId) => ctx.declared.declares(org, adminRoleId(id, roleId)));
        const remove = held.filter((roleId) => !keep.includes(roleId));
        if (remove.length > 0) {
          let next = current.filter((roleId) => !remove.includes(roleId));
          if (next.length === 0) {
            const index = await ctx.graph(props.orgId);
            const fallback = index.rolesById.get(String(props.revokeToId ?? ""));
            if (!fallback)
              throw escalationRefused(
                who,
                `its revokeTo role ${props.revokeTo ?? "(none)"} no longer exists in JumpCloud`,
              );
            const allowCustom = props.allowCustomRevokeTo === true;
            next = current.includes(fallback.id)
              ? [fallback.id]
              : [fallbackFor(ctx, org, index, { id }, who, remove, fallback, allowCustom)];
          }
          await writeRoles(api, ctx.loadedGraph(props.orgId), id, next, who);
        }
        noticeKeptRoles(ctx, ctx.loadedGraph(props.orgId), who, keep);
      });
    },
  };
}

/**
 * The role an admin left with nothing moves to: `revokeTo`, compared again with every role revoked (it never
 * promotes), recorded as put there by this run, and announced.
 */
function fallbackFor(
  ctx: ResourceContext,
  org: string,
  index: OrgIndex,
  admin: Pick<Admin, "id">,
  who: string,
  removed: readonly string[],
  revokeTo: Role,
  allowCustom: boolean,
): string {
  const revoked = removed.map((id) => index.rolesById.get(id) ?? { id, name: id, builtIn: false });
  const refusal = revokeToRefusal(revoked, revokeTo, allowCustom);
  if (refusal) throw escalationRefused(who, refusal);
  ctx.fallbacksSet.add(`${org}/${admin.id}/${revokeTo.id}`);
  ctx.notify(movedNotice(who, revoked, revokeTo));
  return revokeTo.id;
}

function noticeKeptRoles(
  ctx: ResourceContext,
  index: OrgIndex | undefined,
  who: string,
  keep: readonly string[],
): void {
  if (keep.length === 0) return;
  const names = sorted(keep.map((id) => `role "${index?.rolesById.get(id)?.name ?? id}"`)).join(", ");
  ctx.notify(keptNotice(`${names} of ${who}`));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id) => b.includes(id));
