import { afterEach, describe, expect, it } from "vitest";
import type { Props, ResourceKind } from "../../../provider/dynamic/types";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import { applicationAssignmentKind } from "../../../provider/resources/application-assignment";
import { DeclaredEdges } from "../../../provider/resources/declared-edges";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { userGroupMembershipKind } from "../../../provider/resources/user-group-membership";
import { ACME, nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// An edge moved from one resource to another in one update: the engine creates (or diffs) the resource that now
// declares it before it deletes the one that no longer exists, and that delete must leave the edge in place.
// Each `nextEngineRun` is a new `pulumi up` (a new provider process); within a run, calls follow the engine's order.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const MEMBERS_ROUTE = "POST /api/v2/usergroups/{id}/members";

function kinds(setup: ResourceSetup) {
  const ctx = () => setup.ctx;
  return {
    membership: userGroupMembershipKind(ctx),
    members: userGroupMembersKind(ctx),
    assignment: applicationAssignmentKind(ctx),
    role: adminRoleGrantKind(ctx),
  };
}

interface Made {
  id: string;
  outs: Props;
}

/** `check` then `create`, as the engine does for a resource new to the program. */
async function create(kind: ResourceKind, inputs: Props): Promise<Made> {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  const made = await kind.create(checked.inputs ?? inputs);
  return { id: made.id, outs: made.outs ?? {} };
}

/** `check` then `diff`, as the engine does for a resource still in the program. */
async function diff(kind: ResourceKind, made: Made, inputs: Props) {
  const checked = await kind.check!(made.outs, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.diff!(made.id, made.outs, checked.inputs ?? inputs);
}

const members = (setup: ResourceSetup, group: string, orgId?: string) =>
  setup.emulator.snapshot(orgId).groups.find((g) => g.name === group)?.members;

describe("an edge moved to another resource in one update", () => {
  it("survives a group's switch from memberships to an exclusive set and back, with no remove of a listed user", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, members: set } = kinds(setup);
    const team = ["alice@acme.example", "bob@acme.example", "carol@acme.example"];

    const memberships = await Promise.all(
      team.map((userEmail) => create(membership, { groupName: "engineering", userEmail })),
    );
    expect(members(setup, "engineering")).toEqual(team);
    setup.emulator.outOfBand.addGroupMember("engineering", "dave@acme.example");

    // Exclusive on: the set is created (removing only dave, whom nobody lists), then the memberships are deleted.
    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    const owned = await create(set, { groupName: "engineering", userEmails: team, exclusive: true });
    expect(owned.outs.adopted).toBe(true);
    expect(setup.writes()).toEqual([MEMBERS_ROUTE]);
    expect(members(setup, "engineering")).toEqual(team);
    await Promise.all(memberships.map((m) => membership.delete!(m.id, m.outs)));
    expect(setup.writes()).toEqual([MEMBERS_ROUTE]);
    expect(members(setup, "engineering")).toEqual(team);
    expect(setup.notices.sort()).toEqual(
      team.map(
        (email) =>
          `pulumi-jumpcloud-access: kept ${email} in user group "engineering": another resource in this update declares it, so it stays in JumpCloud.`,
      ),
    );

    // Exclusive off: one membership per member again (adopted, no write), then the set is deleted.
    nextEngineRun(setup);
    setup.notices.length = 0;
    setup.emulator.clearRequestLog();
    const again = await Promise.all(
      team.map((userEmail) => create(membership, { groupName: "engineering", userEmail })),
    );
    expect(again.map((m) => m.outs.adopted)).toEqual([true, true, true]);
    await set.delete!(owned.id, owned.outs);
    expect(setup.writes()).toEqual([]);
    expect(members(setup, "engineering")).toEqual(team);
    expect(setup.notices).toEqual([
      `pulumi-jumpcloud-access: kept ${team.join(", ")} in user group "engineering": another resource in this update declares it, so it stays in JumpCloud.`,
    ]);
  });

  it("removes from an exclusive set's group only the members nobody else declares", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, members: set } = kinds(setup);
    const owned = await create(set, {
      groupName: "engineering",
      userEmails: ["alice@acme.example", "bob@acme.example"],
      exclusive: true,
    });

    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    await create(membership, { groupName: "engineering", userEmail: "alice@acme.example" });
    await set.delete!(owned.id, owned.outs);
    expect(setup.writes()).toEqual([MEMBERS_ROUTE]);
    expect(members(setup, "engineering")).toEqual(["alice@acme.example"]);
    expect(setup.notices).toEqual([expect.stringContaining('kept alice@acme.example in user group "engineering"')]);
  });

  it("keeps a user that a set drops when another set of the update now lists it", async () => {
    const setup = await startResources({}, cleanups);
    const { members: set } = kinds(setup);
    const before = { groupName: "sales", userEmails: ["dave@acme.example", "erin@acme.example"] };
    const first = await create(set, before);

    // erin moves to a second set on the same group (created first here; the engine may order them either way).
    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    await create(set, { groupName: "sales", userEmails: ["erin@acme.example"] });
    const after = { groupName: "sales", userEmails: ["dave@acme.example"] };
    expect(await diff(set, first, after)).toEqual({ changes: true });
    const updated = await set.update!(first.id, first.outs, after);
    expect(updated.outs?.memberIds).toHaveLength(1);
    expect(setup.writes()).toEqual([]);
    expect(members(setup, "sales")).toEqual(["carol@acme.example", "dave@acme.example", "erin@acme.example"]);
    expect(setup.notices).toEqual([expect.stringContaining('kept erin@acme.example in user group "sales"')]);
  });

  it("keeps an edge that an unchanged resource still declares when its duplicate is removed", async () => {
    const setup = await startResources({}, cleanups);
    const { membership } = kinds(setup);
    const inputs = { groupName: "sales", userEmail: "dave@acme.example" };
    const first = await create(membership, inputs);
    const duplicate = await create(membership, inputs);

    // The next program keeps `first` (the engine diffs it: no change) and drops `duplicate`.
    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    expect(await diff(membership, first, inputs)).toEqual({ changes: false });
    await membership.delete!(duplicate.id, duplicate.outs);
    expect(setup.writes()).toEqual([]);
    expect(members(setup, "sales")).toEqual(["carol@acme.example", "dave@acme.example"]);
  });

  it("keeps an application assignment and an admin role re-declared under another name", async () => {
    const setup = await startResources({}, cleanups);
    const { assignment, role } = kinds(setup);
    const direct = await create(assignment, { applicationName: "github", userEmail: "dave@acme.example" });
    const manager = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Manager" });

    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    const renamed = await create(assignment, { applicationName: "github", userEmail: "DAVE@acme.example" });
    expect(renamed.id).toBe(direct.id);
    await create(role, { adminEmail: "it-admin@acme.example", roleName: "manager" });
    await assignment.delete!(direct.id, direct.outs);
    await role.delete!(manager.id, manager.outs);
    expect(setup.writes()).toEqual([]);
    const snapshot = setup.emulator.snapshot();
    expect(snapshot.applications.find((a) => a.name === "github")?.users).toEqual(["dave@acme.example"]);
    // Without the declaration, revoking the admin's only role would have moved it to Read Only.
    expect(snapshot.admins.find((a) => a.email === "it-admin@acme.example")?.roles).toEqual(["Manager"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: kept application "GitHub" assigned to user "dave@acme.example": another resource in this update declares it, so it stays in JumpCloud.',
      'pulumi-jumpcloud-access: kept role "Manager" of administrator it-admin@acme.example: another resource in this update declares it, so it stays in JumpCloud.',
    ]);
  });
});

describe("edges nobody else declares", () => {
  it("are still removed by a plain removal and by a delete-first replacement of the same resource", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, members: set, role } = kinds(setup);
    const dropped = await create(membership, { groupName: "sales", userEmail: "dave@acme.example" });
    const moved = await create(membership, { groupName: "empty", userEmail: "alice@acme.example" });
    const owned = await create(set, { groupName: "engineering", userEmails: ["erin@acme.example"] });
    const grant = await create(role, { adminEmail: "bob@acme.example", roleName: "Manager" });

    // The next program drops `dropped`, `owned` and `grant`, and points `moved` at another user: the engine diffs
    // `moved` (replace, delete first), deletes its old edge, creates the new one, and deletes the dropped resources.
    nextEngineRun(setup);
    const news = { groupName: "empty", userEmail: "erin@acme.example" };
    expect(await diff(membership, moved, news)).toEqual({
      changes: true,
      replaces: ["userEmail"],
      deleteBeforeReplace: true,
    });
    await membership.delete!(moved.id, moved.outs);
    expect(members(setup, "empty")).toEqual([]);
    await create(membership, news);
    await membership.delete!(dropped.id, dropped.outs);
    await set.delete!(owned.id, owned.outs);
    await role.delete!(grant.id, grant.outs);

    const snapshot = setup.emulator.snapshot();
    expect(members(setup, "empty")).toEqual(["erin@acme.example"]);
    expect(members(setup, "sales")).toEqual(["carol@acme.example"]);
    expect(members(setup, "engineering")).toEqual(["alice@acme.example", "bob@acme.example"]);
    expect(snapshot.admins.find((a) => a.email === "bob@acme.example")?.roles).toEqual(["Help Desk", "Read Only"]);
    expect(setup.notices).toEqual([]);
  });

  it("are removed in an organization where only another organization declares them", async () => {
    const other = { ...ACME, name: "Acme Subsidiary", id: "b".repeat(24) };
    const setup = await startResources({ org: { organizations: [{ ...ACME, id: "a".repeat(24) }, other] } }, cleanups);
    const { membership } = kinds(setup);
    const [first = "", second = ""] = setup.emulator.orgIds;
    const inFirst = await create(membership, { groupName: "sales", userEmail: "dave@acme.example", orgId: first });
    const inSecond = await create(membership, { groupName: "sales", userEmail: "dave@acme.example", orgId: second });

    // The next program declares dave in sales of the first org only (its orgId spelled in capitals).
    nextEngineRun(setup);
    await create(membership, { groupName: "sales", userEmail: "dave@acme.example", orgId: first.toUpperCase() });
    await membership.delete!(inFirst.id, inFirst.outs);
    await membership.delete!(inSecond.id, inSecond.outs);
    expect(members(setup, "sales", first)).toEqual(["carol@acme.example", "dave@acme.example"]);
    expect(members(setup, "sales", second)).toEqual(["carol@acme.example"]);
  });

  it("are kept per organization key, and a record never spills into another organization", () => {
    const declared = new DeclaredEdges();
    declared.record("org-a", ["g/u1", "g/u2"]);
    declared.record("", ["g/u3"]);
    expect(declared.declares("org-a", "g/u1")).toBe(true);
    expect(declared.declares("org-b", "g/u1")).toBe(false);
    expect(declared.declares("", "g/u1")).toBe(false);
    expect(declared.declares("", "g/u3")).toBe(true);
  });
});
