import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessPolicy } from "../../sdk";
import { type Registered, recordRegistrations, resolveOutput, startProgram } from "../helpers/pulumi-mocks";

const registered: Registered[] = [];

// Mocks run the program's constructors, not the provider: ids are derived from inputs the way the provider derives
// them from resolved ids, so edge-id outputs can be checked.
beforeAll(() => {
  recordRegistrations(registered, ({ type, inputs }) => {
    const keys = (map: unknown) => Object.keys((map ?? {}) as Record<string, unknown>);
    const set = (id: unknown, children: string[]) => {
      const grantIds = children.map((child) => `${id}/${child}`);
      return { id: String(id), state: { ...inputs, grantIds } };
    };
    if (type.endsWith(":UserGroupMembers")) return set(inputs.groupName, keys(inputs.members));
    if (type.endsWith(":ApplicationAssignments")) {
      return set(inputs.applicationName, [...keys(inputs.groups), ...keys(inputs.users)]);
    }
    if (type.endsWith(":AdminRoles")) return set(inputs.adminEmail, keys(inputs.roles));
    return { id: String(inputs.groupName ?? inputs.applicationName ?? inputs.adminEmail), state: inputs };
  });
});

// Each test is a separate program.
beforeEach(() => startProgram(registered));

const now = "2026-11-30T12:00:00Z";

const manifest = `# yaml-language-server: $schema=../../schema/access-manifest.schema.json
groups:
  engineering:
    members:
      - alice@acme.example
      - email: carol@acme.example
        expires: 2026-12-02T12:00:00Z
        reason: on-call cover
        ticket: OPS-7
      - email: dave@acme.example
        expires: 2026-11-01T00:00:00Z
  sales:
    exclusive: true
    members: [erin@acme.example, {email: judy@acme.example, expires: "2026-11-29T00:00:00Z"}]
applications:
  github:
    groups: [engineering]
    users: [grace@acme.example]
admins:
  bob@acme.example:
    roles: [Help Desk]
    revokeTo: Read Only
`;

const reordered = `admins: {bob@acme.example: {revokeTo: Read Only, roles: ["Help Desk"]}}
applications: {github: {users: [GRACE@acme.example], groups: [engineering]}}
groups:
  sales: {exclusive: true, members: [{expires: "2026-11-29T00:00:00Z", email: judy@acme.example}, ERIN@acme.example]}
  engineering:
    members:
      - {email: dave@acme.example, expires: "2026-11-01T00:00:00Z"}
      - {ticket: OPS-7, email: carol@acme.example, reason: on-call cover, expires: "2026-12-02T12:00:00Z"}
      - alice@acme.example
`;

let dir: string;
beforeAll(() => {
  // Relative to the repository (the tests' working directory), so messages name the file the same way every run.
  dir = join("test-output", "access-policy");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "access.yaml"), manifest);
  writeFileSync(join(dir, "reordered.yaml"), reordered);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const children = () =>
  registered
    .filter((resource) => !resource.type.endsWith(":AccessPolicy"))
    .map((resource) => `${resource.type.replace("pulumi-nodejs:dynamic/", "")} ${resource.name}`)
    .sort();

describe("AccessPolicy", () => {
  it("creates one set per group, application and admin, keyed by natural key, leaving expired grants out", async () => {
    const policy = new AccessPolicy("acme", { manifest: join(dir, "access.yaml"), now });
    await resolveOutput(policy.managedEdgeIds);
    expect(children()).toMatchInlineSnapshot(`
      [
        "jumpcloud:AdminRoles acme/admin-roles:bob@acme.example",
        "jumpcloud:ApplicationAssignments acme/assignments:github",
        "jumpcloud:UserGroupMembers acme/members:engineering",
        "jumpcloud:UserGroupMembers acme/members:sales",
      ]
    `);
    const byName = (name: string) => registered.find((resource) => resource.name === name)?.inputs;
    expect(byName("acme/members:sales")).toMatchObject({
      groupName: "sales",
      members: { "erin@acme.example": {} },
      exclusive: true,
    });
    expect(byName("acme/members:engineering")).toMatchObject({
      groupName: "engineering",
      members: { "alice@acme.example": {}, "carol@acme.example": { reason: "on-call cover", ticket: "OPS-7" } },
    });
    expect(byName("acme/members:engineering")?.exclusive).toBeUndefined();
    expect(byName("acme/assignments:github")).toMatchObject({
      applicationName: "github",
      groups: { engineering: {} },
      users: { "grace@acme.example": {} },
    });
    expect(byName("acme/admin-roles:bob@acme.example")).toMatchObject({
      adminEmail: "bob@acme.example",
      roles: { "Help Desk": {} },
      revokeTo: "Read Only",
    });
  });

  it("creates the same children with the same inputs however the manifest is ordered or formatted", async () => {
    const first = new AccessPolicy("acme", { manifest: join(dir, "access.yaml"), now });
    await resolveOutput(first.managedEdgeIds);
    const a = registered.map(({ name, type }) => `${type} ${name}`).sort();
    const inputsA = registered.map(({ name, inputs }) => [name, inputs]).sort();
    startProgram(registered);
    const second = new AccessPolicy("acme", { manifest: join(dir, "reordered.yaml"), now });
    await resolveOutput(second.managedEdgeIds);
    const b = registered.map(({ name, type }) => `${type} ${name}`).sort();
    expect(b.length).toBe(5);
    expect(b).toEqual(a);
    const inputsB = registered.map(({ name, inputs }) => [name, inputs]).sort();
    expect(inputsB).toEqual(inputsA);
  });

  it("reports managed edge ids, counts, expired keys and what expires soon", async () => {
    const policy = new AccessPolicy("acme", { manifest: join(dir, "access.yaml"), now, expiringWithinDays: 7 });
    expect(await resolveOutput(policy.managedEdgeIds)).toMatchInlineSnapshot(`
      [
        "bob@acme.example/Help Desk",
        "engineering/alice@acme.example",
        "engineering/carol@acme.example",
        "github/engineering",
        "github/grace@acme.example",
        "sales/erin@acme.example",
      ]
    `);
    expect(await resolveOutput(policy.counts)).toEqual({
      groupMemberships: 3,
      applicationAssignments: 2,
      adminRoles: 1,
      expired: 2,
      expiringSoon: 1,
    });
    expect(await resolveOutput(policy.expired)).toEqual([
      "membership:engineering:dave@acme.example",
      "membership:sales:judy@acme.example",
    ]);
    expect(await resolveOutput(policy.expiringSoon)).toEqual([
      {
        key: "membership:engineering:carol@acme.example",
        expires: "2026-12-02T12:00:00.000Z",
        daysLeft: 2,
        path: "groups.engineering.members[1]",
        reason: "on-call cover",
        ticket: "OPS-7",
      },
    ]);
  });

  it("drops a grant once its expiry passes", async () => {
    const policy = new AccessPolicy("acme", { manifest: join(dir, "access.yaml"), now: "2026-12-02T12:00:00Z" });
    await resolveOutput(policy.managedEdgeIds);
    const engineering = registered.find((resource) => resource.name === "acme/members:engineering");
    expect(Object.keys(engineering?.inputs.members ?? {})).toEqual(["alice@acme.example"]);
    expect(await resolveOutput(policy.expired)).toContain("membership:engineering:carol@acme.example");
  });

  it("takes the manifest as an object and passes orgId to every child", async () => {
    const orgId = "5f0c1a2b3c4d5e6f70819203";
    const policy = new AccessPolicy("tenant-b", {
      manifest: {
        groups: { finance: { members: ["ivan@beta.example"] } },
        applications: { zoom: { groups: ["finance"] } },
      },
      orgId,
      now,
    });
    expect(await resolveOutput(policy.managedEdgeIds)).toEqual(["finance/ivan@beta.example", "zoom/finance"]);
    expect(children()).toEqual([
      "jumpcloud:ApplicationAssignments tenant-b/assignments:zoom",
      "jumpcloud:UserGroupMembers tenant-b/members:finance",
    ]);
    expect(
      registered.filter((resource) => !resource.type.endsWith(":AccessPolicy")).map((r) => r.inputs.orgId),
    ).toEqual([orgId, orgId]);
  });

  it("refuses an invalid manifest before creating anything, listing every problem with its position", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "groups:\n  sales:\n    members: [erin@acme, erin@acme.example, ERIN@acme.example]\n");
    expect(() => new AccessPolicy("acme", { manifest: bad, now })).toThrowErrorMatchingInlineSnapshot(`
      [Error: test-output/access-policy/bad.yaml has 2 errors:
        test-output/access-policy/bad.yaml:3:15 groups.sales.members[0]: "erin@acme" is not a valid email address. Write the full address, e.g. alice@example.com.
        test-output/access-policy/bad.yaml:3:45 groups.sales.members[2]: erin@acme.example is listed twice in group "sales" (also at members[1]). Remove one of the entries.
      Fix them and run again; nothing was changed in JumpCloud.]
    `);
    expect(children()).toEqual([]);
  });

  it("refuses a manifest object with the path of each problem", () => {
    expect(
      () =>
        new AccessPolicy("acme", {
          manifest: { admins: { "bob@acme.example": { roles: [] }, bob: { roles: ["x"] } } },
          now,
        }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [Error: AccessPolicy "acme" manifest has 1 error:
        AccessPolicy "acme" manifest admins.bob: "bob" is not a valid email address. Admins are keyed by their login email, e.g. alice@example.com.
      Fix it and run again; nothing was changed in JumpCloud.]
    `);
  });
});
