import { afterEach, describe, expect, it } from "vitest";
import { applicationAssignmentKind } from "../../../provider/resources/application-assignment";
import { applicationAssignmentsKind } from "../../../provider/resources/application-assignments";
import { createResourceContext } from "../../../provider/resources/context";
import { UNKNOWN } from "../../../provider/resources/inputs";
import type { ResourceKind } from "../../../provider/resources/resource-kind";
import { revokedAccessKind } from "../../../provider/resources/revoked-access";
import { nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// ApplicationAssignments called as the engine calls it, against the emulator over real HTTP with the real client.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const NOW = Date.parse("2026-06-01T12:00:00Z");
const ASSIGN = "POST /api/v2/applications/{id}/associations";

function kinds(setup: ResourceSetup, now = () => NOW) {
  const ctx = () => setup.ctx;
  return {
    set: applicationAssignmentsKind(ctx, now),
    single: applicationAssignmentKind(ctx),
    revoked: revokedAccessKind(ctx),
  };
}

/** Starts the next engine run like `nextEngineRun`, with the run's warnings collected. */
function nextRunWithWarnings(setup: ResourceSetup): string[] {
  const previous = setup.ctx;
  const warnings: string[] = [];
  setup.ctx = createResourceContext({
    apiFor: (orgId) => previous.api(orgId),
    visibilityIntervalMs: 5,
    visibilityTimeoutMs: 5_000,
    notify: (message) => setup.notices.push(message),
    warn: (message) => warnings.push(message),
  });
  return warnings;
}

/** The application's assignments in the emulator, by group name and user email. */
function assigned(setup: ResourceSetup, name: string) {
  const app = setup.emulator.snapshot().applications.find((a) => a.name === name);
  return { groups: [...(app?.groups ?? [])].sort(), users: [...(app?.users ?? [])].sort() };
}

async function ids(setup: ResourceSetup) {
  const index = await setup.ctx.graph(undefined);
  return {
    app: (name: string) => index.graph.applications.find((a) => a.name === name)?.id ?? "",
    group: (name: string) => index.graph.groups.find((g) => g.name === name)?.id ?? "",
    user: (email: string) => index.usersWithEmail(email)[0]?.id ?? "",
  };
}

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

describe("ApplicationAssignments", () => {
  it("gives the engine only defined outputs when one of the maps is left out", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const made = await create(set, { applicationName: "Slack", users: { "erin@acme.example": {} } });
    const undefinedOutputs = Object.entries(made.outs ?? {}).filter(([, value]) => value === undefined);
    expect(undefinedOutputs).toEqual([]);
    expect(made.outs).toMatchObject({ users: { "erin@acme.example": {} } });
  });

  it("adopts the assignments an application has, with no write, and diffs to no change", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const id = await ids(setup);
    const inputs = { applicationName: "Slack", groups: { Engineering: {} }, users: { "ERIN@acme.example": {} } };
    const made = await create(set, inputs);
    expect(made.id).toBe(id.app("slack"));
    expect(made.outs).toMatchObject({
      applicationId: id.app("slack"),
      applicationName: "Slack",
      groupIds: [id.group("engineering")],
      userIds: [id.user("erin@acme.example")],
      grantIds: [
        `${id.app("slack")}/user/${id.user("erin@acme.example")}`,
        `${id.app("slack")}/user_group/${id.group("engineering")}`,
      ].sort(),
      missingGroups: [],
      missingUsers: [],
      extraGroups: [],
      extraUsers: [],
      exclusive: false,
      adopted: true,
    });
    expect(setup.writes()).toEqual([]);
    nextEngineRun(setup);
    expect(await set.diff!(made.id, made.outs ?? {}, inputs)).toEqual({ changes: false });
    // A note changes in place (no write); another application replaces the set, deleting first.
    const noted = { ...inputs, users: { "ERIN@acme.example": { ticket: "OPS-9" } } };
    expect(await set.diff!(made.id, made.outs ?? {}, noted)).toEqual({ changes: true });
    expect(await set.diff!(made.id, made.outs ?? {}, { ...inputs, applicationName: "GitHub" })).toEqual({
      changes: true,
      replaces: ["applicationName"],
      deleteBeforeReplace: true,
    });
    // Values a preview does not know yet: check leaves them to the update, diff reports a change (or a replace).
    expect(await set.check!(made.outs ?? {}, { ...inputs, users: { "erin@acme.example": UNKNOWN } })).toEqual({
      inputs: { ...inputs, users: { "erin@acme.example": UNKNOWN } },
    });
    expect(await set.diff!(made.id, made.outs ?? {}, { ...inputs, groups: UNKNOWN })).toEqual({ changes: true });
    expect((await set.diff!(made.id, made.outs ?? {}, { ...inputs, applicationName: UNKNOWN })).replaces).toEqual([
      "applicationName",
    ]);
  });

  it("creates the missing groups and users by name or id, and an update adds and removes exactly the changed keys", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const id = await ids(setup);
    const made = await create(set, {
      applicationName: "github",
      groups: { sales: {}, [id.group("engineering")]: {} },
      users: { "dave@acme.example": { reason: "on call" } },
    });
    expect(made.outs?.adopted).toBe(false);
    expect(assigned(setup, "github")).toEqual({ groups: ["engineering", "sales"], users: ["dave@acme.example"] });
    expect(setup.writes()).toEqual([ASSIGN, ASSIGN, ASSIGN]);

    // Assigned outside the program: a non-exclusive set leaves it alone.
    setup.emulator.outOfBand.assignApplication("github", { group: "empty" });
    setup.emulator.clearRequestLog();
    nextEngineRun(setup);
    const news = {
      applicationName: "github",
      groups: { sales: {} },
      users: { "dave@acme.example": { reason: "on call" }, [id.user("carol@acme.example")]: {} },
    };
    const updated = await update(set, made.id, made.outs ?? {}, news);
    expect(assigned(setup, "github")).toEqual({
      groups: ["empty", "sales"],
      users: ["carol@acme.example", "dave@acme.example"],
    });
    // One write adds carol, one removes engineering (both are POSTs of an add or remove operation).
    expect(setup.writes()).toEqual([ASSIGN, ASSIGN]);
    expect(updated.outs).toMatchObject({
      groupIds: [id.group("sales")],
      userIds: [id.user("carol@acme.example"), id.user("dave@acme.example")].sort(),
      adopted: false,
    });
  });

  it("exclusive: removes every unlisted group and user, warns when most go, and a refresh reports drift both ways", async () => {
    const setup = await startResources({}, cleanups);
    const warnings = nextRunWithWarnings(setup);
    const { set } = kinds(setup);
    const id = await ids(setup);
    const inputs = { applicationName: "Slack", groups: { sales: {} }, exclusive: true };
    const made = await create(set, inputs);
    expect(warnings).toEqual([
      'pulumi-jumpcloud-access: the exclusive ApplicationAssignments of application "Slack" will remove 2 of its 2 current assignments (user erin@acme.example, user group "engineering"). If that is not what you mean, list them before you run `pulumi up`.',
    ]);
    expect(assigned(setup, "slack")).toEqual({ groups: ["sales"], users: [] });
    expect(made.outs).toMatchObject({ exclusive: true, adopted: false, groupIds: [id.group("sales")], userIds: [] });

    setup.emulator.outOfBand.unassignApplication("slack", { group: "sales" });
    setup.emulator.outOfBand.assignApplication("slack", { user: "bob@acme.example" });
    nextEngineRun(setup);
    const read = await set.read!(made.id, made.outs ?? {});
    expect(read.id).toBe(made.id);
    expect(read.props).toMatchObject({
      missingGroups: [id.group("sales")],
      missingUsers: [],
      extraGroups: [],
      extraUsers: [id.user("bob@acme.example")],
    });
    expect(await set.diff!(made.id, read.props ?? {}, inputs)).toEqual({ changes: true });
    await set.update!(made.id, read.props ?? {}, inputs);
    expect(assigned(setup, "slack")).toEqual({ groups: ["sales"], users: [] });
  });

  it("a non-exclusive refresh reports only what it lists, and an application that is gone reads as gone", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const id = await ids(setup);
    const made = await create(set, { applicationName: "Slack", users: { "erin@acme.example": {} } });
    setup.emulator.outOfBand.unassignApplication("slack", { user: "erin@acme.example" });
    setup.emulator.outOfBand.assignApplication("slack", { user: "bob@acme.example" });
    nextEngineRun(setup);
    const read = await set.read!(made.id, made.outs ?? {});
    expect(read.props).toMatchObject({ missingUsers: [id.user("erin@acme.example")], extraUsers: [], extraGroups: [] });
    expect(await set.read!("0123456789abcdef01234567", made.outs ?? {})).toEqual({ id: "", props: {} });
  });

  it("an exclusive set with nothing in force is refused in check and before any write, unless allowEmpty", async () => {
    const setup = await startResources({}, cleanups);
    let now = NOW;
    const { set } = kinds(setup, () => now);
    const refusal = (count: string) =>
      expect.stringMatching(
        new RegExp(
          `^an exclusive ApplicationAssignments with no user groups or users in force would remove ${count} from application "Slack" \\([0-9a-f]{24}\\)\\. List the user groups in groups and the users in users, or set allowEmpty: true to unassign everyone on purpose\\.$`,
        ),
      );
    const empty = await set.check!({}, { applicationName: "Slack", exclusive: true });
    expect(empty.failures).toEqual([{ property: "groups", reason: refusal("all 2 of its assignments") }]);
    // Every entry expired is as empty as no entry (checked in a new run: two exclusive sets on one app conflict).
    nextEngineRun(setup);
    const expired = { applicationName: "Slack", users: { "erin@acme.example": { expires: "2026-05-01T00:00:00Z" } } };
    const lapsed = await set.check!({}, { ...expired, exclusive: true });
    expect(lapsed.failures).toEqual([{ property: "users", reason: refusal("all 2 of its assignments") }]);
    await expect(set.create({ applicationName: "Slack", exclusive: true })).rejects.toThrow(
      /^groups: an exclusive ApplicationAssignments with no user groups or users in force/,
    );
    expect(setup.writes()).toEqual([]);

    nextEngineRun(setup);
    now = NOW;
    const allowed = await create(set, { applicationName: "Slack", exclusive: true, allowEmpty: true });
    expect(allowed.outs).toMatchObject({ groupIds: [], userIds: [], grantIds: [] });
    expect(assigned(setup, "slack")).toEqual({ groups: [], users: [] });
  });

  it("an entry whose expires has passed is not assigned, and is unassigned once it passes if the set assigned it", async () => {
    const setup = await startResources({}, cleanups);
    let now = NOW;
    const { set } = kinds(setup, () => now);
    const inputs = {
      applicationName: "github",
      users: {
        "dave@acme.example": { expires: "2026-06-02T00:00:00Z" },
        "carol@acme.example": { expires: "2026-05-01T00:00:00Z" },
      },
      groups: { sales: {} },
    };
    const made = await create(set, inputs);
    expect(assigned(setup, "github")).toEqual({ groups: ["sales"], users: ["dave@acme.example"] });
    now = Date.parse("2026-06-03T00:00:00Z");
    nextEngineRun(setup);
    expect(await set.diff!(made.id, made.outs ?? {}, inputs)).toEqual({ changes: true });
    const after = await set.update!(made.id, made.outs ?? {}, inputs);
    expect(after.outs?.userIds).toEqual([]);
    expect(assigned(setup, "github")).toEqual({ groups: ["sales"], users: [] });
  });

  it("refuses two keys naming one target, naming both keys, and unknown names with a suggestion, with zero writes", async () => {
    const setup = await startResources({}, cleanups);
    const { set } = kinds(setup);
    const id = await ids(setup);
    const twice = await set.check!(
      {},
      {
        applicationName: "Slack",
        groups: { engineering: {}, [id.group("engineering")]: {} },
        users: { "alice@acme.example": {}, "ALICE@acme.example": {} },
      },
    );
    expect(twice.failures).toEqual([
      {
        property: `groups.${id.group("engineering")}`,
        reason: 'names the same user group as groups.engineering ("engineering"): list each user group once',
      },
      {
        property: "users.ALICE@acme.example",
        reason: "names the same user as users.alice@acme.example (alice@acme.example): list each user once",
      },
    ]);

    const unknown = await set.check!(
      {},
      {
        applicationName: "Slak",
        groups: { enginering: {}, "0123456789abcdef01234567": {} },
        users: { "alcie@acme.example": {}, fedcba9876543210fedcba98: {} },
      },
    );
    expect(unknown.failures?.map((f) => [f.property, f.reason])).toEqual([
      ["applicationName", expect.stringContaining('no application labelled or named "Slak"')],
      ["groups.enginering", expect.stringContaining('no user group named "enginering"')],
      [
        "groups.0123456789abcdef01234567",
        'no user group with id "0123456789abcdef01234567" in JumpCloud organization Acme Test. Check the id, or use the group\'s name as the key instead.',
      ],
      [
        "users.alcie@acme.example",
        'no user with the email "alcie@acme.example" in JumpCloud organization Acme Test. Did you mean "alice@acme.example"? Fix the email, or create the user in JumpCloud first.',
      ],
      [
        "users.fedcba9876543210fedcba98",
        'no user with id "fedcba9876543210fedcba98" in JumpCloud organization Acme Test. Check the id, or use the user\'s email as the key instead.',
      ],
    ]);
    expect(unknown.failures?.[0]?.reason).toContain('Did you mean "slack" or "Slack"?');
    expect(unknown.failures?.[1]?.reason).toContain('Did you mean "engineering"?');

    const ambiguous = await set.check!({}, { applicationName: "Zoom", users: { "alice@acme.example": {} } });
    expect(ambiguous.failures?.[0]?.property).toBe("applicationName");
    expect(ambiguous.failures?.[0]?.reason).toMatch(
      /^"Zoom" matches 2 applications .*use applicationId to pick one\.$/,
    );

    // Group membership is what is dynamic: assigning an application to a dynamic group is fine.
    expect((await set.check!({}, { applicationName: "GitHub", groups: { "all-staff": {} } })).failures).toEqual([]);

    const malformed = await set.check!(
      {},
      { applicationName: "Slack", users: { alice: {}, "bob@acme.example": { note: "x" } }, groups: { " x": {} } },
    );
    expect(malformed.failures).toEqual([
      { property: "users.bob@acme.example", reason: 'has "note": an entry holds only reason, ticket and expires' },
      { property: "groups. x", reason: 'the key " x" " x" has leading or trailing spaces' },
      {
        property: "users.alice",
        reason:
          'the key "alice" is not an email address (e.g. alice@example.com) or a JumpCloud user id (24 hexadecimal characters)',
      },
    ]);
    expect(setup.writes()).toEqual([]);
  });

  it("delete unassigns what it owns except what another resource of the update declares", async () => {
    const setup = await startResources({}, cleanups);
    const { set, single } = kinds(setup);
    const made = await create(set, {
      applicationName: "github",
      groups: { sales: {} },
      users: { "dave@acme.example": {} },
    });
    setup.emulator.outOfBand.assignApplication("github", { user: "bob@acme.example" });
    // The next update moves dave to an ApplicationAssignment and removes the set.
    nextEngineRun(setup);
    const moved = await create(single, { applicationName: "github", userEmail: "dave@acme.example" });
    expect(moved.outs?.adopted).toBe(true);
    await set.delete!(made.id, made.outs ?? {});
    expect(assigned(setup, "github")).toEqual({ groups: [], users: ["bob@acme.example", "dave@acme.example"] });
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: kept user dave@acme.example on application "GitHub": another resource in this update declares it, so it stays in JumpCloud.',
    ]);
  });

  it("an exclusive set refuses any other declaration on its application, in either order; non-exclusive ones mix", async () => {
    const setup = await startResources({}, cleanups);
    const { set, single } = kinds(setup);
    const id = await ids(setup);
    const conflict = (first: string, second: string) =>
      `application "GitHub" (${id.app("github")}) is managed by ${first} and by ${second} in this program: an exclusive ApplicationAssignments removes every assignment it does not list. List every user group and user of the application in one ApplicationAssignments, or drop exclusive.`;

    // Two non-exclusive sets and a single assignment on one application coexist.
    expect((await set.check!({}, { applicationName: "github", groups: { sales: {} } })).failures).toEqual([]);
    expect(
      (await set.check!({}, { applicationId: id.app("github"), users: { "dave@acme.example": {} } })).failures,
    ).toEqual([]);
    expect((await single.check!({}, { applicationName: "GitHub", userEmail: "carol@acme.example" })).failures).toEqual(
      [],
    );
    const exclusive = await set.check!({}, { applicationName: "github", groups: { sales: {} }, exclusive: true });
    expect(exclusive.failures).toEqual([
      { property: "applicationName", reason: conflict("ApplicationAssignments", "ApplicationAssignments (exclusive)") },
    ]);

    // The other order: the exclusive set is checked first, the single assignment is refused.
    nextEngineRun(setup);
    const { set: set2, single: single2 } = kinds(setup);
    expect(
      (await set2.check!({}, { applicationId: id.app("github"), groups: { sales: {} }, exclusive: true })).failures,
    ).toEqual([]);
    const late = await single2.check!({}, { applicationId: id.app("github"), userGroupName: "sales" });
    expect(late.failures).toEqual([
      { property: "applicationId", reason: conflict("ApplicationAssignments (exclusive)", "ApplicationAssignment") },
    ]);
    const second = await set2.check!(
      {},
      { applicationName: "GitHub", users: { "dave@acme.example": {} }, exclusive: true },
    );
    expect(second.failures).toEqual([
      {
        property: "applicationName",
        reason: `application "GitHub" (${id.app("github")}) is managed by two exclusive ApplicationAssignments resources in this program: each would remove the other's assignments. Merge them into one resource.`,
      },
    ]);
    expect(setup.writes()).toEqual([]);
  });

  it("refuses to grant an assignment the program also revokes with RevokedAccess", async () => {
    const setup = await startResources({}, cleanups);
    const { set, revoked } = kinds(setup);
    const held = await revoked.check!({}, { applicationName: "github", userEmails: ["dave@acme.example"] });
    expect(held.failures ?? []).toEqual([]);
    const granted = await set.check!({}, { applicationName: "github", users: { "dave@acme.example": {} } });
    expect(granted.failures).toEqual([
      {
        property: "users.dave@acme.example",
        reason: expect.stringContaining(
          "is revoked by RevokedAccess in this program, and this ApplicationAssignments grants it",
        ),
      },
    ]);
  });
});
