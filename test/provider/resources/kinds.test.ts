import { afterEach, describe, expect, it } from "vitest";
import type { ResourceKind } from "../../../provider/dynamic/types";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import { applicationAssignmentKind } from "../../../provider/resources/application-assignment";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { createResourceContext } from "../../../provider/resources/context";
import { userGroupMembershipKind } from "../../../provider/resources/user-group-membership";
import { ACME, nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// The resource kinds called as the engine calls them, against the emulator over real HTTP with the real client.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function kinds(setup: ResourceSetup) {
  const ctx = () => setup.ctx;
  return {
    membership: userGroupMembershipKind(ctx),
    members: userGroupMembersKind(ctx),
    assignment: applicationAssignmentKind(ctx),
    role: adminRoleGrantKind(ctx),
  };
}

async function create(kind: ResourceKind, inputs: Record<string, unknown>) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

const snapshotGroup = (setup: ResourceSetup, name: string) =>
  setup.emulator.snapshot().groups.find((g) => g.name === name)?.members;

describe("check", () => {
  it("rejects malformed inputs, naming the property, before any request", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, role, assignment } = kinds(setup);
    expect(await membership.check!({}, { groupName: "engineering", groupId: "nope", userEmail: "alice" })).toEqual({
      inputs: { groupName: "engineering", groupId: "nope", userEmail: "alice" },
      failures: [
        { property: "groupId", reason: '"nope" is not a JumpCloud user group id (24 hexadecimal characters)' },
        { property: "userEmail", reason: '"alice" is not an email address (expected e.g. alice@example.com)' },
        {
          property: "groupName",
          reason: "set exactly one of groupId or groupName to name the user group (both are set)",
        },
      ],
    });
    expect((await role.check!({}, { adminEmail: "alice@acme.example", roleName: "" })).failures).toEqual([
      { property: "roleName", reason: "must not be empty: give the role name" },
    ]);
    expect((await assignment.check!({}, { applicationName: "Slack" })).failures).toEqual([
      {
        property: "userGroupId",
        reason:
          "set exactly one of one of userGroupId, userGroupName, userId, userEmail to name the user group or user to assign (none is set)",
      },
    ]);
    expect(setup.emulator.requestLog()).toEqual([]);
  });

  it("names an unknown email, group, application, admin or role and suggests the nearest, with zero writes", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, role, assignment } = kinds(setup);
    const typo = await membership.check!({}, { groupName: "enginering", userEmail: "alcie@acme.example" });
    expect(typo.failures?.map((f) => f.property)).toEqual(["groupName", "userEmail"]);
    expect(typo.failures?.[0]?.reason).toContain('no user group named "enginering"');
    expect(typo.failures?.[0]?.reason).toContain('Did you mean "engineering"?');
    expect(typo.failures?.[1]?.reason).toBe(
      'no user with the email "alcie@acme.example" in JumpCloud organization Acme Test. Did you mean "alice@acme.example"? Fix the email, or create the user in JumpCloud first.',
    );
    const ambiguous = await assignment.check!({}, { applicationName: "Zoom", userEmail: "alice@acme.example" });
    expect(ambiguous.failures?.[0]?.property).toBe("applicationName");
    const reason = ambiguous.failures?.[0]?.reason ?? "";
    expect(reason).toMatch(
      /^"Zoom" matches 2 applications in Acme Test when case is ignored: .*: use applicationId to pick one\.$/,
    );
    expect(reason).toMatch(/"Zoom" \(connector zoom, id [0-9a-f]{24}\)/);
    expect(reason).toMatch(/"Zoom" \(connector zoom-test, id [0-9a-f]{24}\)/);
    const roles = await role.check!(
      {},
      { adminEmail: "carol@acme.example", roleName: "Superuser", revokeTo: "Nobody" },
    );
    expect(roles.failures?.map((f) => f.property)).toEqual(["adminEmail", "roleName", "revokeTo"]);
    expect(roles.failures?.[0]?.reason).toContain("admin accounts are separate in JumpCloud");
    expect(roles.failures?.[1]?.reason).toContain('no admin role named "Superuser"');
    expect(setup.writes()).toEqual([]);
  });

  it("syncs once for many parallel checks and refuses dynamic groups and mixed styles by resolved id", async () => {
    const setup = await startResources({}, cleanups);
    const { membership, members } = kinds(setup);
    const emails = ["alice", "bob", "carol", "dave", "erin"].map((n) => `${n}@acme.example`);
    const results = await Promise.all(
      emails.map((userEmail) => membership.check!({}, { groupName: "sales", userEmail })),
    );
    expect(results.flatMap((r) => r.failures ?? [])).toEqual([]);
    const counts = setup.emulator.requestCounts().byRoute;
    expect(counts["GET /api/systemusers"]).toBe(1);
    expect(counts["GET /api/v2/usergroups"]).toBe(1);

    const dynamic = await membership.check!({}, { groupName: "all-staff", userEmail: "bob@acme.example" });
    expect(dynamic.failures?.[0]?.reason).toContain('user group "all-staff"');
    expect(dynamic.failures?.[0]?.reason).toContain("dynamic group (DYNAMIC_AUTOMATED)");

    const salesId = setup.ctx.loadedGraph(undefined)?.graph.groups.find((g) => g.name === "sales")?.id;
    const mixed = await members.check!({}, { groupId: salesId, userEmails: ["dave@acme.example"] });
    expect(mixed.failures?.[0]?.property).toBe("groupId");
    expect(mixed.failures?.[0]?.reason).toContain(
      `user group "sales" (${salesId}) is managed both by UserGroupMembership and by UserGroupMembers`,
    );
    expect(setup.writes()).toEqual([]);
  });
});

describe("UserGroupMembership", () => {
  it("adopts an existing edge, creates a new one visible at once, and reads from the sync", async () => {
    const setup = await startResources({ faults: { visibilityDelayMs: 60 } }, cleanups);
    const { membership } = kinds(setup);
    const adopted = await create(membership, { groupName: "engineering", userEmail: "alice@acme.example" });
    expect(adopted.outs).toMatchObject({ groupName: "engineering", userEmail: "alice@acme.example", adopted: true });
    expect(setup.writes()).toEqual([]);

    const made = await create(membership, { groupName: "engineering", userEmail: "carol@acme.example" });
    expect(made.outs?.adopted).toBe(false);
    expect(made.id).toBe(`${made.outs?.groupId}/${made.outs?.userId}`);
    expect(setup.writes()).toEqual(["POST /api/v2/usergroups/{id}/members"]);
    // The create waited until a listing showed the member, so a fresh sync sees it.
    const fresh = await startFreshRead(setup, membership, made.id, made.outs ?? {});
    expect(fresh.id).toBe(made.id);

    setup.emulator.outOfBand.removeGroupMember("engineering", "carol@acme.example");
    const gone = await startFreshRead(setup, membership, made.id, made.outs ?? {});
    expect(gone.id).toBe("");
  });

  it("treats a rename to the same id as no change and another id as a delete-first replacement", async () => {
    const setup = await startResources({}, cleanups);
    const { membership } = kinds(setup);
    const made = await create(membership, { groupName: "sales", userEmail: "dave@acme.example" });
    const groupId = made.outs?.groupId;
    expect(await membership.diff!(made.id, made.outs ?? {}, { groupId, userEmail: "DAVE@acme.example" })).toEqual({
      changes: false,
    });
    expect(
      await membership.diff!(made.id, made.outs ?? {}, { groupName: "sales", userEmail: "erin@acme.example" }),
    ).toEqual({
      changes: true,
      replaces: ["userEmail"],
      deleteBeforeReplace: true,
    });
  });

  it("deletes, treats an absent member as removed only when the group exists, and fails clearly otherwise", async () => {
    const setup = await startResources({}, cleanups);
    const { membership } = kinds(setup);
    const made = await create(membership, { groupName: "empty", userEmail: "bob@acme.example" });
    nextEngineRun(setup);
    await membership.delete!(made.id, made.outs ?? {});
    expect(snapshotGroup(setup, "empty")).toEqual([]);
    await membership.delete!(made.id, made.outs ?? {});
    const missingGroup = `ffffffffffffffffffffffff/${made.outs?.userId}`;
    await expect(membership.delete!(missingGroup, { userEmail: "bob@acme.example" })).rejects.toThrow(
      /Cannot confirm the removal of bob@acme.example in user group "ffffffffffffffffffffffff": JumpCloud has no user group .*pulumi state delete/,
    );
  });
});

describe("several organizations", () => {
  it("keeps one sync and one client per orgId, so one program reaches two orgs of an MSP with one key", async () => {
    const second = { ...ACME, name: "Acme Subsidiary", id: "b".repeat(24) };
    const setup = await startResources({ org: { organizations: [{ ...ACME, id: "a".repeat(24) }, second] } }, cleanups);
    const { membership } = kinds(setup);
    const [first, other] = setup.emulator.orgIds;
    const inFirst = await create(membership, { groupName: "sales", userEmail: "dave@acme.example", orgId: first });
    const inOther = await create(membership, { groupName: "empty", userEmail: "dave@acme.example", orgId: other });
    expect(inFirst.outs?.orgId).toBe(first);
    expect(inOther.outs?.orgId).toBe(other);
    expect(setup.emulator.snapshot(first).groups.find((g) => g.name === "sales")?.members).toContain(
      "dave@acme.example",
    );
    expect(setup.emulator.snapshot(first).groups.find((g) => g.name === "empty")?.members).toEqual([]);
    expect(setup.emulator.snapshot(other).groups.find((g) => g.name === "empty")?.members).toEqual([
      "dave@acme.example",
    ]);
    const syncsByOrg = setup.emulator
      .requestLog()
      .filter((r) => r.route === "GET /api/systemusers")
      .map((r) => r.orgId);
    expect(syncsByOrg.sort()).toEqual([first, other].sort());
    expect(
      await membership.diff!(inOther.id, inOther.outs ?? {}, {
        groupName: "empty",
        userEmail: "dave@acme.example",
        orgId: first,
      }),
    ).toEqual({
      changes: true,
      replaces: ["orgId"],
      deleteBeforeReplace: true,
    });
  });
});

describe("UserGroupMembers", () => {
  it("owns only its members by default; exclusive removes the rest and refresh reports drift both ways", async () => {
    const setup = await startResources({}, cleanups);
    const { members } = kinds(setup);
    const shared = await create(members, { groupName: "sales", userEmails: ["dave@acme.example"] });
    expect(snapshotGroup(setup, "sales")).toEqual(["carol@acme.example", "dave@acme.example"]);
    expect(shared.outs).toMatchObject({ extraMembers: [], missingMembers: [], exclusive: false, adopted: false });

    const owned = await create(members, {
      groupName: "engineering",
      userEmails: ["bob@acme.example", "erin@acme.example"],
      exclusive: true,
    });
    expect(snapshotGroup(setup, "engineering")).toEqual(["bob@acme.example", "erin@acme.example"]);

    setup.emulator.outOfBand.addGroupMember("engineering", "carol@acme.example");
    setup.emulator.outOfBand.removeGroupMember("engineering", "erin@acme.example");
    const refreshed = await startFreshRead(setup, members, owned.id, owned.outs ?? {});
    const ids = setup.ctx.loadedGraph(undefined)!;
    const idOf = (email: string) => ids.usersWithEmail(email)[0]?.id;
    expect(refreshed.props?.missingMembers).toEqual([idOf("erin@acme.example")]);
    expect(refreshed.props?.extraMembers).toEqual([idOf("carol@acme.example")]);

    const news = { groupName: "engineering", userEmails: ["bob@acme.example", "erin@acme.example"], exclusive: true };
    expect(await members.diff!(owned.id, refreshed.props ?? {}, news)).toEqual({ changes: true });
    await members.update!(owned.id, refreshed.props ?? {}, news);
    expect(snapshotGroup(setup, "engineering")).toEqual(["bob@acme.example", "erin@acme.example"]);
  });
});

describe("ApplicationAssignment", () => {
  it("assigns to a group and to a user, adopts an existing assignment and unassigns", async () => {
    const setup = await startResources({}, cleanups);
    const { assignment } = kinds(setup);
    const existing = await create(assignment, { applicationName: "Slack", userGroupName: "engineering" });
    expect(existing.outs).toMatchObject({ targetType: "user_group", targetName: "engineering", adopted: true });
    const direct = await create(assignment, { applicationName: "github", userEmail: "dave@acme.example" });
    expect(direct.id).toMatch(/^[0-9a-f]{24}\/user\/[0-9a-f]{24}$/);
    expect(setup.emulator.snapshot().applications.find((a) => a.name === "github")?.users).toEqual([
      "dave@acme.example",
    ]);
    nextEngineRun(setup);
    await assignment.delete!(direct.id, direct.outs ?? {});
    expect(setup.emulator.snapshot().applications.find((a) => a.name === "github")?.users).toEqual([]);
  });
});

describe("AdminRoleGrant", () => {
  it("adds a role to a multi-role admin, revokes the last role to Read Only and says so, then replaces it", async () => {
    const setup = await startResources({}, cleanups);
    const { role } = kinds(setup);
    const admins = () => Object.fromEntries(setup.emulator.snapshot().admins.map((a) => [a.email, a.roles]));
    const added = await create(role, { adminEmail: "bob@acme.example", roleName: "manager" });
    expect(added.outs).toMatchObject({ roleName: "Manager", revokeTo: "Read Only", adopted: false });
    expect(admins()["bob@acme.example"]).toEqual(["Help Desk", "Manager", "Read Only"]);
    nextEngineRun(setup);
    await role.delete!(added.id, added.outs ?? {});
    expect(admins()["bob@acme.example"]).toEqual(["Help Desk", "Read Only"]);

    const only = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Manager" });
    expect(only.outs?.adopted).toBe(true);
    nextEngineRun(setup);
    await role.delete!(only.id, only.outs ?? {});
    expect(admins()["it-admin@acme.example"]).toEqual(["Read Only"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: "Manager" was the only role of administrator it-admin@acme.example, and JumpCloud admins must hold one: moved the admin to "Read Only" (revokeTo), which has no more privileges than the revoked role.',
    ]);
    const next = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Help Desk" });
    expect(next.outs?.adopted).toBe(false);
    expect(admins()["it-admin@acme.example"]).toEqual(["Help Desk"]);
  });

  it("serializes grants to one admin so parallel grants all land", async () => {
    const setup = await startResources({}, cleanups);
    const { role } = kinds(setup);
    const names = ["Manager", "Command Runner", "Billing Only", "Access Reviewer"];
    await Promise.all(names.map((roleName) => create(role, { adminEmail: "alice@acme.example", roleName })));
    const alice = setup.emulator.snapshot().admins.find((a) => a.email === "alice@acme.example");
    expect(alice?.roles).toEqual(["Access Reviewer", "Administrator", "Billing Only", "Command Runner", "Manager"]);
  });

  it("keeps an admin's only role when it is the revoke-to role, says so, and writes nothing", async () => {
    const setup = await startResources({}, cleanups);
    const { role } = kinds(setup);
    const grant = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Manager", revokeTo: "Manager" });
    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    await role.delete!(grant.id, grant.outs ?? {});
    const admins = () => setup.emulator.snapshot().admins.find((a) => a.email === "it-admin@acme.example")?.roles;
    expect(admins()).toEqual(["Manager"]);
    expect(setup.emulator.requestLog().filter((entry) => entry.method !== "GET")).toEqual([]);
    expect(setup.notices.at(-1)).toBe(
      'pulumi-jumpcloud-access: "Manager" is the only role of administrator it-admin@acme.example and its revokeTo fallback; the admin keeps it (JumpCloud admins must hold a role).',
    );
  });
});

/**
 * What a refresh in a new engine process sees: the kinds switch to a fresh context (a new sync, empty caches and
 * claims) over the same clients, then read the resource.
 */
async function startFreshRead(setup: ResourceSetup, kind: ResourceKind, id: string, props: Record<string, unknown>) {
  const previous = setup.ctx;
  setup.ctx = createResourceContext({ apiFor: (orgId) => previous.api(orgId) });
  return kind.read!(id, props);
}
