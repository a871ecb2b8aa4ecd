import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseManifestText } from "../../provider/manifest";
import { createRevocations } from "../../sdk/access-policy-revocations";
import { type Registered, recordRegistrations, resolveOutput, startProgram } from "../helpers/pulumi-mocks";

const registered: Registered[] = [];
beforeAll(() => recordRegistrations(registered, ({ name, inputs }) => ({ id: name, state: inputs })));
beforeEach(() => startProgram(registered));

const manifest = `version: 1
admins:
  Bob@acme.example:
    roles: [Help Desk]
    revokeTo: Billing
revoked:
  groups:
    engineering:
      members: [dave@acme.example, {email: Erin@acme.example, reason: left, ticket: SEC-1}]
  applications:
    Slack:
      users: [carol@acme.example]
      groups: [contractors]
  admins:
    bob@acme.example:
      roles: [Manager]
    judy@acme.example:
      roles: [Administrator, Help Desk]
`;

// The same revocations, the sections and entries in another order.
const reordered = `version: 1
revoked:
  admins:
    judy@acme.example: {roles: [Administrator, Help Desk]}
    bob@acme.example: {roles: [Manager]}
  applications:
    Slack: {groups: [contractors], users: [carol@acme.example]}
  groups:
    engineering: {members: [dave@acme.example, erin@acme.example]}
admins:
  bob@acme.example: {revokeTo: Billing, roles: [Help Desk]}
`;

async function program(text: string) {
  const parent = new pulumi.ComponentResource("test:index:Parent", "policy");
  const resources = createRevocations(parent, "acme", parseManifestText(text, "access.yaml"), undefined);
  await resolveOutput(pulumi.all(resources.map((r) => r.id)));
  return registered
    .filter((r) => r.type.endsWith(":RevokedAccess"))
    .map(({ name, inputs }) => {
      const { __provider: _provider, ...given } = inputs;
      const set = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
      return [name, set] as const;
    })
    .sort(([a], [b]) => a.localeCompare(b));
}

describe("AccessPolicy's revoked section", () => {
  it("becomes one RevokedAccess per group, application and admin, an admin falling back to its declared revokeTo", async () => {
    expect(await program(manifest)).toEqual([
      [
        "acme/revoked:admin:bob@acme.example",
        { adminEmail: "bob@acme.example", roleNames: ["Manager"], revokeTo: "Billing" },
      ],
      [
        "acme/revoked:admin:judy@acme.example",
        { adminEmail: "judy@acme.example", roleNames: ["Administrator", "Help Desk"] },
      ],
      [
        "acme/revoked:application:Slack",
        { applicationName: "Slack", userEmails: ["carol@acme.example"], userGroupNames: ["contractors"] },
      ],
      [
        "acme/revoked:group:engineering",
        { groupName: "engineering", userEmails: ["dave@acme.example", "erin@acme.example"] },
      ],
    ]);
  });

  it("names the children and gives them the same inputs however the file is ordered (list order aside)", async () => {
    const names = (list: Awaited<ReturnType<typeof program>>) => list.map(([name]) => name);
    const first = await program(manifest);
    startProgram(registered);
    const second = await program(reordered);
    expect(names(second)).toEqual(names(first));
    expect(second.find(([n]) => n.endsWith("bob@acme.example"))).toEqual(
      first.find(([n]) => n.endsWith("bob@acme.example")),
    );
  });
});
