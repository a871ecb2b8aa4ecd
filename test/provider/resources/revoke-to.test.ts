/**
 * #12.4: `revokeTo` never escalates. Revoking an admin's last role moves the admin to `revokeTo`; that role must have
 * no more privileges than the revoked one, checked before any request that writes, and again before the revoke.
 */
import { afterEach, describe, expect, it } from "vitest";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import type { ResourceKind } from "../../../provider/resources/resource-kind";
import { privilegeRank, revokeToRefusal } from "../../../provider/resources/revoke-to";
import { BUILT_IN_ROLE_NAMES } from "../../../provider/sync/converters";
import { nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const roleKind = (setup: ResourceSetup): ResourceKind => adminRoleGrantKind(() => setup.ctx);
const rolesOf = (setup: ResourceSetup, email: string) =>
  setup.emulator.snapshot().admins.find((a) => a.email === email)?.roles;

async function create(kind: ResourceKind, inputs: Record<string, unknown>) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

describe("#12.4 revokeTo never escalates", () => {
  it("#12.4 check refuses a revokeTo with more privileges than the granted role, before any request", async () => {
    const setup = await startResources({}, cleanups);
    const role = roleKind(setup);
    const checked = await role.check!(
      {},
      { adminEmail: "it-admin@acme.example", roleName: "Manager", revokeTo: "Administrator With Billing" },
    );
    expect(checked.failures).toEqual([
      {
        property: "revokeTo",
        reason:
          '"Administrator With Billing" has more privileges than "Manager": revoking "Manager" would promote the admin. ' +
          "Use a role with no more privileges: Manager, Command Runner With Billing, Command Runner, Help Desk, Billing Only, Read Only",
      },
    ]);
    expect(setup.emulator.requestLog()).toEqual([]);
  });

  it("#12.4 a custom revokeTo needs allowCustomRevokeTo; a custom granted role falls back to Read Only only", async () => {
    const setup = await startResources({}, cleanups);
    const role = roleKind(setup);
    const custom = await role.check!(
      {},
      { adminEmail: "it-admin@acme.example", roleName: "Manager", revokeTo: "Access Reviewer" },
    );
    expect(custom.failures?.map((f) => [f.property, f.reason])).toEqual([
      [
        "revokeTo",
        '"Access Reviewer" is a custom role, whose privileges cannot be compared with "Manager"\'s: use a built-in role with no more privileges (e.g. "Read Only"), or set allowCustomRevokeTo: true to accept it knowingly',
      ],
    ]);
    const optedIn = await role.check!(
      {},
      {
        adminEmail: "it-admin@acme.example",
        roleName: "Manager",
        revokeTo: "Access Reviewer",
        allowCustomRevokeTo: true,
      },
    );
    expect(optedIn.failures ?? []).toEqual([]);
    const fromCustom = await role.check!(
      {},
      { adminEmail: "it-admin@acme.example", roleName: "Access Reviewer", revokeTo: "Help Desk" },
    );
    expect(fromCustom.failures?.[0]?.reason).toMatch(/^"Access Reviewer" is a custom role, .* use "Read Only"/);
    const defaulted = await role.check!({}, { adminEmail: "it-admin@acme.example", roleName: "Access Reviewer" });
    expect(defaulted.failures ?? []).toEqual([]);
    expect(setup.writes()).toEqual([]);
  });

  it("#12.4 a revoke refuses a stored revokeTo that would promote the admin, and sends no write", async () => {
    const setup = await startResources({}, cleanups);
    const role = roleKind(setup);
    const grant = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Manager" });
    const index = await setup.ctx.graph(undefined);
    const billing = [...index.rolesById.values()].find((r) => r.name === "Administrator With Billing");
    // A state written before the rule: the same grant with an escalating fallback.
    const stored = { ...grant.outs, revokeTo: billing?.name, revokeToId: billing?.id };
    nextEngineRun(setup);
    await expect(role.delete!(grant.id, stored)).rejects.toThrow(
      'Refused to revoke the last role of administrator it-admin@acme.example: "Administrator With Billing" has more privileges than "Manager"',
    );
    expect(setup.writes()).toEqual([]);
    expect(rolesOf(setup, "it-admin@acme.example")).toEqual(["Manager"]);
  });

  it("#12.4 the notice says the admin moved to a role with no more privileges, and why", async () => {
    const setup = await startResources({}, cleanups);
    const role = roleKind(setup);
    const grant = await create(role, {
      adminEmail: "it-admin@acme.example",
      roleName: "Manager",
      revokeTo: "Help Desk",
    });
    nextEngineRun(setup);
    await role.delete!(grant.id, grant.outs ?? {});
    expect(rolesOf(setup, "it-admin@acme.example")).toEqual(["Help Desk"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: "Manager" was the only role of administrator it-admin@acme.example, and JumpCloud admins must hold one: moved the admin to "Help Desk" (revokeTo), which has no more privileges than the revoked role.',
    ]);
  });

  it("ranks the built-in roles in one order and compares every revoked role", () => {
    const role = (name: string, builtIn = true) => ({ id: name, name, builtIn });
    expect(BUILT_IN_ROLE_NAMES.map((name) => privilegeRank(role(name)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(privilegeRank(role("administrator", true))).toBe(1);
    expect(privilegeRank(role("Administrator", false))).toBeUndefined();
    expect(revokeToRefusal([role("Administrator")], role("Read Only"), false)).toBeUndefined();
    expect(revokeToRefusal([role("Administrator"), role("Help Desk")], role("Manager"), false)).toMatch(
      /"Manager" has more privileges than "Help Desk"/,
    );
    expect(revokeToRefusal([role("Help Desk")], role("Help Desk"), false)).toBeUndefined();
    expect(revokeToRefusal([role("Help Desk")], role("Administrator"), true)).toMatch(/would promote the admin/);
  });
});
