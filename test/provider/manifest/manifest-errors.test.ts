import { describe, expect, it } from "vitest";
import { formatIssue, type ManifestIssue, parseManifest, parseManifestText } from "../../../provider/manifest";

const now = new Date("2026-11-30T12:00:00Z");

function errorsOf(text: string): string[] {
  const result = parseManifest(text, { now });
  if (result.ok) throw new Error("expected the manifest to be rejected");
  return result.errors.map((issue: ManifestIssue) => formatIssue("access.yaml", issue));
}

describe("manifest errors", () => {
  it("reports every problem at once, in file order, with line, column and path", () => {
    const text = [
      "groups:",
      "  engineering:",
      "    exclusive: maybe",
      "    members:",
      "      - alice@acme.example",
      "      - bob@acme",
      "      - email: carol@acme.example",
      "        expires: 2026-13-01",
      "        reasn: cover for dave",
      "      - ALICE@acme.example",
      "      - 42",
      "applications:",
      "  slack:",
      "    groups: [engineering, sales, engineering]",
      "admins:",
      "  alice:",
      "    roles: [Administrator, administrator]",
      "owners: []",
    ].join("\n");
    expect(errorsOf(text)).toMatchInlineSnapshot(`
      [
        "access.yaml:3:16 groups.engineering.exclusive: must be true or false.",
        "access.yaml:6:9 groups.engineering.members[1]: "bob@acme" is not a valid email address. Write the full address, e.g. alice@example.com.",
        "access.yaml:8:18 groups.engineering.members[2].expires: "2026-13-01" is not an ISO 8601 date-time with a time zone. Write e.g. 2026-12-31T18:00:00Z.",
        "access.yaml:9:9 groups.engineering.members[2].reasn: unknown key "reasn". Expected one of: email, expires, reason, ticket.",
        "access.yaml:10:9 groups.engineering.members[3]: alice@acme.example is listed twice in group "engineering" (also at members[0]). Remove one of the entries.",
        "access.yaml:11:9 groups.engineering.members[4]: must be an email address, or a mapping with "email" and optional "expires", "reason", "ticket".",
        "access.yaml:14:34 applications.slack.groups[2]: group "engineering" is assigned twice to application "slack" (also at groups[0]). Remove one of the entries.",
        "access.yaml:16:3 admins.alice: "alice" is not a valid email address. Admins are keyed by their login email, e.g. alice@example.com.",
        "access.yaml:17:28 admins.alice.roles[1]: role "administrator" is listed twice for admin alice (also at roles[0]). Remove one of the entries.",
        "access.yaml:18:1 owners: unknown key "owners". Expected one of: version, groups, applications, admins, revoked.",
      ]
    `);
  });

  it("reports a key repeated in one mapping at the repeat, naming the first", () => {
    const text = "groups:\n  sales:\n    members: [erin@acme.example]\n  sales:\n    members: [judy@acme.example]\n";
    expect(errorsOf(text)).toMatchInlineSnapshot(`
      [
        "access.yaml:4:3 groups.sales: "sales" appears twice in the same mapping (first at line 2). Merge the two entries into one.",
      ]
    `);
  });

  it("treats emails that differ only in case as the same admin", () => {
    const text = "admins:\n  bob@acme.example:\n    roles: [Help Desk]\n  Bob@Acme.example:\n    roles: [Read Only]\n";
    expect(errorsOf(text)).toMatchInlineSnapshot(`
      [
        "access.yaml:4:3 admins["Bob@Acme.example"]: admin "Bob@Acme.example" is the same account as "bob@acme.example" (emails are case-insensitive). Merge the two entries.",
      ]
    `);
  });

  it("names missing required keys, wrong shapes and empty names", () => {
    const text = [
      "version: 2",
      "groups:",
      "  - engineering",
      "applications:",
      "  github:",
      "    users: dave@acme.example",
      "    groups:",
      "      - group: '  '",
      "admins:",
      "  it-admin@acme.example:",
      "    role: Administrator",
    ].join("\n");
    expect(errorsOf(text)).toMatchInlineSnapshot(`
      [
        "access.yaml:1:10 version: must be 1 (the only manifest version so far).",
        "access.yaml:3:3 groups: must be a mapping of group names to their members.",
        "access.yaml:6:12 applications.github.users: must be a list.",
        "access.yaml:8:16 applications.github.groups[0].group: the group name is empty. Write the group's name or remove the entry.",
        "access.yaml:11:5 admins["it-admin@acme.example"]: "roles" is required.",
        "access.yaml:11:5 admins["it-admin@acme.example"].role: unknown key "role". Expected one of: roles, revokeTo.",
      ]
    `);
  });

  it("reports YAML syntax errors with their position and stops there", () => {
    expect(errorsOf("groups:\n  engineering:\n    members: [alice@acme.example\n")).toMatchInlineSnapshot(`
      [
        "access.yaml:4:1 (syntax): Flow sequence in block collection must be sufficiently indented and end with a ].",
      ]
    `);
  });

  it("rejects a manifest that is not a mapping", () => {
    expect(errorsOf("- alice@acme.example\n")).toMatchInlineSnapshot(`
      [
        "access.yaml:1:1 (top level): the manifest must be a mapping with "groups", "applications" and/or "admins".",
      ]
    `);
  });

  it("throws one error listing every problem, naming the file, and says nothing was changed", () => {
    const text = "groups:\n  sales:\n    members: [erin@acme, frank]\n";
    expect(() => parseManifestText(text, "policies/access.yaml", { now })).toThrowErrorMatchingInlineSnapshot(`
      [JumpCloudError: policies/access.yaml has 2 errors:
        policies/access.yaml:3:15 groups.sales.members[0]: "erin@acme" is not a valid email address. Write the full address, e.g. alice@example.com.
        policies/access.yaml:3:26 groups.sales.members[1]: "frank" is not a valid email address. Write the full address, e.g. alice@example.com.
      Fix them and run again; nothing was changed in JumpCloud.]
    `);
  });
});
