import { afterEach, describe, expect, it } from "vitest";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import { adminRolesKind } from "../../../provider/resources/admin-roles";
import type { ResourceKind } from "../../../provider/resources/resource-kind";
import { nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// AdminRoles called as the engine calls it, against the emulator over real HTTP with the real client.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const NOW = Date.parse("2026-06-01T12:00:00Z");

function kinds(setup: ResourceSetup, now = () => NOW) {
  const ctx = () => setup.ctx;
  return { set: adminRolesKind(ctx, now), grant: adminRoleGrantKind(ctx) };
}

const rolesOf = (setup: ResourceSetup, email: string) =>
  setup.emulator.snapshot().admins.find((a) => a.email === email)?.roles;

const PUT = "PUT /api/users/{id}";

async function create(kind: ResourceKind, inputs: Record<string, unknown>) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

async function update(kind: ResourceKind, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const checked = await kind.check!(olds, news);
  expect(checked.failures ?? []).toEqual([]);
  const diff = await kind.diff!(id, olds, checked.inputs ?? news);
  expect(diff.changes).toBe(true);
  expect(diff.replaces ?? []).toEqual([]);
  return kind.update!(id, olds, checked.inputs ?? news);
}

describe("AdminRoles", () => {
  it("adopts the roles an admin holds, adds one in one write, and owns only what it lists", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const adopted = await create(set, { adminEmail: "BOB@acme.example", roles: { "help desk": {} } });
    expect(adopted.id).toMatch(/^[0-9a-f]{24}$/);
    expect(adopted.outs).toMatchObject({
      adminEmail: "bob@acme.example",
      roleNames: ["Help Desk"],
      revokeTo: "Read Only",
      exclusive: false,
      adopted: true,
      missingRoles: [],
      extraRoles: [],
    });
    expect(setup.writes()).toEqual([]);

    nextEngineRun(setup);
    const olds = { ...adopted.outs, roles: { "help desk": {} } };
    const news = { adminEmail: "BOB@acme.example", roles: { "help desk": {}, Manager: { ticket: "OPS-1" } } };
    const updated = await update(set, adopted.id, olds, news);
    expect(updated.outs?.roleNames).toEqual(expect.arrayContaining(["Help Desk", "Manager"]));
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
    expect(setup.writes()).toEqual([PUT]);

    // A note changes in place without a write; an unchanged set is no change at all.
    nextEngineRun(setup);
    const noted = { ...news, roles: { "help desk": {}, Manager: { ticket: "OPS-2" } } };
    expect((await set.diff!(adopted.id, updated.outs ?? {}, noted)).changes).toBe(true);
    expect((await set.diff!(adopted.id, updated.outs ?? {}, news)).changes).toBe(false);
  });

  it("removes a role dropped from the map, keeps roles it never listed, and moves the last role to revokeTo on delete", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const made = await create(set, { adminEmail: "bob@acme.example", roles: { Manager: {}, "Help Desk": {} } });
    expect(made.outs?.adopted).toBe(false);
    nextEngineRun(setup);
    const dropped = await update(set, made.id, made.outs ?? {}, {
      adminEmail: "bob@acme.example",
      roles: { Manager: {} },
    });
    // "Read Only" was never listed: it stays.
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Manager", "Read Only"]);
    expect(dropped.outs?.roleNames).toEqual(["Manager"]);

    const only = await create(set, { adminEmail: "it-admin@acme.example", roles: { Manager: {} } });
    nextEngineRun(setup);
    await set.delete!(only.id, only.outs ?? {});
    expect(rolesOf(setup, "it-admin@acme.example")).toEqual(["Read Only"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: "Manager" was the only role of administrator it-admin@acme.example, and JumpCloud admins must hold one: moved the admin to "Read Only" (revokeTo), which has no more privileges than the revoked role.',
    ]);
  });

  it("exclusive: the admin holds exactly the listed roles, and a refresh reports drift both ways", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const made = await create(set, { adminEmail: "bob@acme.example", roles: { "Help Desk": {} }, exclusive: true });
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk"]);
    setup.emulator.outOfBand.setAdminRoles("bob@acme.example", ["Billing Only"]);
    nextEngineRun(setup);
    const read = await set.read!(made.id, made.outs ?? {});
    expect(read.props).toMatchObject({ missingRoles: ["Help Desk"], extraRoles: ["Billing Only"] });
    const diff = await set.diff!(made.id, read.props ?? {}, {
      adminEmail: "bob@acme.example",
      roles: { "Help Desk": {} },
      exclusive: true,
    });
    expect(diff.changes).toBe(true);
    await set.update!(made.id, read.props ?? {}, {
      adminEmail: "bob@acme.example",
      roles: { "Help Desk": {} },
      exclusive: true,
    });
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk"]);
  });

  it("a role whose expires has passed is not granted, and is revoked when the set granted it", async () => {
    const setup = await startResources({}, cleanups);
    let now = NOW;
    const { set } = kinds(setup, () => now);
    const inputs = {
      adminEmail: "bob@acme.example",
      roles: {
        "Help Desk": {},
        Manager: { expires: "2026-06-02T00:00:00Z" },
        "Command Runner": { expires: "2026-05-01T00:00:00Z" },
      },
    };
    const made = await create(set, inputs);
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
    now = Date.parse("2026-06-03T00:00:00Z");
    nextEngineRun(setup);
    expect((await set.diff!(made.id, made.outs ?? {}, inputs)).changes).toBe(true);
    const after = await set.update!(made.id, made.outs ?? {}, inputs);
    expect(after.outs?.roleNames).toEqual(["Help Desk"]);
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk", "Read Only"]);
  });

  it("a role another resource of the update declares is never revoked by the set, and the other way round", async () => {
    const setup = await startResources({}, cleanups);
    const { set, grant } = kinds(setup);
    const made = await create(set, { adminEmail: "bob@acme.example", roles: { Manager: {}, "Help Desk": {} } });
    const single = await create(grant, { adminEmail: "bob@acme.example", roleName: "Manager" });
    expect(single.outs?.adopted).toBe(true);

    // The next update moves "Manager" from the set to the grant: the grant's diff declares it, the set drops it.
    nextEngineRun(setup);
    const grantInputs = { adminEmail: "bob@acme.example", roleName: "Manager" };
    await grant.diff!(single.id, single.outs ?? {}, grantInputs);
    await set.update!(made.id, made.outs ?? {}, { adminEmail: "bob@acme.example", roles: { "Help Desk": {} } });
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: kept role "Manager" of administrator bob@acme.example: another resource in this update declares it, so it stays in JumpCloud.',
    ]);

    // And back: a new set lists "Manager" again; deleting the grant in that update keeps it.
    nextEngineRun(setup);
    await create(set, { adminEmail: "bob@acme.example", roles: { Manager: {} } });
    await grant.delete!(single.id, single.outs ?? {});
    expect(rolesOf(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
  });

  it("check refuses an exclusive set beside another declaration on the admin, bad keys and entries, and an escalating revokeTo", async () => {
    const setup = await startResources({}, cleanups);
    const { set, grant } = kinds(setup);
    expect((await grant.check!({}, { adminEmail: "bob@acme.example", roleName: "Manager" })).failures).toEqual([]);
    const exclusive = await set.check!(
      {},
      { adminId: undefined, adminEmail: "BOB@acme.example", roles: { "Help Desk": {} }, exclusive: true },
    );
    expect(exclusive.failures).toEqual([
      {
        property: "adminEmail",
        reason: expect.stringMatching(
          /^administrator bob@acme\.example \([0-9a-f]{24}\) is managed by AdminRoleGrant and by AdminRoles \(exclusive\) in this program/,
        ),
      },
    ]);
    // Two non-exclusive sets on one admin coexist.
    expect((await set.check!({}, { adminEmail: "bob@acme.example", roles: { "Read Only": {} } })).failures).toEqual([]);

    const bad = await set.check!(
      {},
      {
        adminEmail: "it-admin@acme.example",
        roles: { Managr: {}, manager: {}, MANAGER: {}, "Help Desk": { expires: "2026-02-30T00:00:00Z" }, " ": {} },
        revokeTo: "Administrator",
      },
    );
    // Read from the inputs alone: "Administrator" outranks "Manager" whatever the catalogue says.
    expect(bad.failures?.map((f) => f.property)).toEqual(["roles.Help Desk.expires", "revokeTo", "roles. "]);
    // By id, "Administrator" is compared once the roles are resolved.
    const administrator = (await setup.ctx.graph(undefined)).graph.roles.find((r) => r.name === "Administrator");
    const resolved = await set.check!(
      {},
      {
        adminEmail: "it-admin@acme.example",
        roles: { Managr: {}, manager: {}, MANAGER: {} },
        revokeTo: administrator?.id,
      },
    );
    expect(resolved.failures?.map((f) => [f.property, f.reason])).toEqual([
      ["roles.Managr", expect.stringContaining('no admin role named "Managr"')],
      ["roles.MANAGER", 'names the same role as roles.manager ("Manager"): list each role once'],
      ["revokeTo", expect.stringContaining('"Administrator" has more privileges than "Manager": revoking')],
    ]);
    const badDate = await set.check!(
      {},
      {
        adminEmail: "it-admin@acme.example",
        roles: { "Help Desk": { expires: "2026-02-30T00:00:00Z" }, Manager: { note: "x" } },
      },
    );
    expect(badDate.failures).toEqual([
      {
        property: "roles.Help Desk.expires",
        reason:
          '"2026-02-30T00:00:00Z" is not a real date and time (February 2026 has 28 days): write e.g. 2026-12-31T18:00:00Z',
      },
      { property: "roles.Manager", reason: 'has "note": an entry holds only reason, ticket and expires' },
    ]);
    expect(setup.writes()).toEqual([]);
  });
});
