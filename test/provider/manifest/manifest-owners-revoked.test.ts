import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  flattenRevoked,
  formatIssue,
  type ManifestIssue,
  parseManifest,
  validateManifest,
} from "../../../provider/manifest";

const now = new Date("2026-11-30T12:00:00Z");
const schema = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "schema", "access-manifest.schema.json"), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateJson = ajv.compile(schema);

function errorsOf(text: string): string[] {
  const result = parseManifest(text, { now });
  if (result.ok) throw new Error("expected the manifest to be rejected");
  return result.errors.map((issue: ManifestIssue) => formatIssue("access.yaml", issue));
}

const valid = [
  "groups:",
  "  engineering:",
  "    owner: lead@acme.example",
  "    members: [alice@acme.example]",
  "applications:",
  "  github:",
  "    owner: [lead@acme.example, cto@acme.example]",
  "    groups: [engineering]",
  "revoked:",
  "  groups:",
  "    engineering:",
  "      members:",
  "        - email: Mallory@acme.example",
  "          reason: left the team",
  "          ticket: SEC-9",
  "          reviewedAt: 2026-11-29",
  "  applications:",
  "    github:",
  "      users: [eve@acme.example]",
  "      groups: [contractors]",
  "  admins:",
  "    bob@acme.example:",
  "      roles: [Help Desk]",
].join("\n");

describe("manifest owners and revoked grants", () => {
  it("accepts an owner as one email or a list, and lists revoked grants under the keys a declared grant has", () => {
    const result = parseManifest(valid, { now });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.manifest.groups?.engineering?.owner).toEqual(["lead@acme.example"]);
    expect(result.manifest.applications?.github?.owner).toEqual(["lead@acme.example", "cto@acme.example"]);
    expect(flattenRevoked(result.manifest).map((g) => [g.key, g.path, g.reason ?? "", g.reviewedAt ?? ""])).toEqual([
      [
        "membership:engineering:mallory@acme.example",
        "revoked.groups.engineering.members[0]",
        "left the team",
        "2026-11-29",
      ],
      ["assignment:github:group:contractors", "revoked.applications.github.groups[0]", "", ""],
      ["assignment:github:user:eve@acme.example", "revoked.applications.github.users[0]", "", ""],
      ["admin-role:bob@acme.example:help desk", 'revoked.admins["bob@acme.example"].roles[0]', "", ""],
    ]);
    // Revoked grants are not grants: the declared set is unchanged.
    expect(result.grants.map((g) => g.key)).toEqual([
      "assignment:github:group:engineering",
      "membership:engineering:alice@acme.example",
    ]);
    expect(validateJson(parse(valid)), JSON.stringify(validateJson.errors)).toBe(true);
  });

  it("refuses a grant that is both declared and revoked, naming both places", () => {
    const text = [
      "groups:",
      "  engineering:",
      "    members:",
      "      - alice@acme.example",
      "applications:",
      "  github:",
      "    users: [erin@acme.example]",
      "revoked:",
      "  groups:",
      "    engineering:",
      "      members: [ALICE@acme.example]",
      "  applications:",
      "    github:",
      "      users:",
      "        - erin@acme.example",
    ].join("\n");
    expect(errorsOf(text)).toEqual([
      'access.yaml:11:17 revoked.groups.engineering.members[0]: alice@acme.example in group "engineering" is revoked here but granted at groups.engineering.members[0]. A grant cannot be both: remove it from one of the two places.',
      'access.yaml:15:11 revoked.applications.github.users[0]: erin@acme.example assigned application "github" is revoked here but granted at applications.github.users[0]. A grant cannot be both: remove it from one of the two places.',
    ]);
  });

  it("reports malformed owners and revoked entries with line, column and path", () => {
    const text = [
      "groups:",
      "  engineering:",
      "    owner: lead",
      "    members: []",
      "applications:",
      "  github:",
      "    owner: []",
      "revoked:",
      "  groups:",
      "    engineering:",
      "      members:",
      "        - email: mallory@acme.example",
      "          reviewedAt: 2026-02-30",
      "          expires: 2027-01-01T00:00:00Z",
      "        - mallory@acme.example",
      "  apps: {}",
      "  admins:",
      "    bob:",
      "      roles: [Help Desk]",
    ].join("\n");
    expect(errorsOf(text)).toEqual([
      'access.yaml:3:12 groups.engineering.owner: "lead" is not a valid email address. Write the full address, e.g. alice@example.com.',
      "access.yaml:7:12 applications.github.owner: the owner list is empty. Name at least one reviewer's email, or remove the key.",
      'access.yaml:13:23 revoked.groups.engineering.members[0].reviewedAt: "2026-02-30" is not a date. Write the day of the review, e.g. 2026-12-01.',
      'access.yaml:14:11 revoked.groups.engineering.members[0].expires: unknown key "expires". Expected one of: email, reason, ticket, reviewedAt.',
      'access.yaml:16:3 revoked.apps: unknown key "apps". Expected one of: groups, applications, admins.',
    ]);
    // The repeat and the admin key are checked once the section has the right shape.
    const shaped = [
      "revoked:",
      "  groups:",
      "    engineering:",
      "      members: [mallory@acme.example, Mallory@acme.example]",
      "  admins:",
      "    bob:",
      "      roles: [Help Desk]",
    ].join("\n");
    expect(errorsOf(shaped)).toEqual([
      'access.yaml:4:39 revoked.groups.engineering.members[1]: mallory@acme.example in group "engineering" is revoked twice (also at revoked.groups.engineering.members[0]). Remove one of the entries.',
      'access.yaml:6:5 revoked.admins.bob: "bob" is not a valid email address. Admins are keyed by their login email, e.g. alice@example.com.',
    ]);
    // A manifest given as data may carry the day as a Date (a YAML 1.1 reader's timestamp).
    const asData = {
      revoked: {
        groups: { eng: { members: [{ email: "m@acme.example", reviewedAt: new Date("2026-11-29T00:00:00Z") }] } },
      },
    };
    const fromData = validateManifest(asData, { now });
    expect(fromData.ok && flattenRevoked(fromData.manifest)[0]?.reviewedAt).toBe("2026-11-29");
    for (const bad of [
      { groups: { eng: { owner: "lead" } } },
      { groups: { eng: { owner: [] } } },
      { revoked: { groups: { eng: { members: [{ email: "m@acme.example", reviewedAt: "yesterday" }] } } } },
      { revoked: { groups: { eng: { members: [{ email: "m@acme.example", expires: "2027-01-01T00:00:00Z" }] } } } },
    ]) {
      expect(validateJson(bad), JSON.stringify(bad)).toBe(false);
      expect(parseManifest(JSON.stringify(bad)).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
