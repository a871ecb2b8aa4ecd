import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatIssue,
  loadManifest,
  loadManifestObject,
  type ManifestGrant,
  parseManifestText,
  planGrants,
} from "../../../provider/manifest";

const now = new Date("2026-11-30T12:00:00Z");

const manifest = `# yaml-language-server: $schema=../schema/access-manifest.schema.json
groups:
  engineering:
    members:
      - alice@acme.example
      - email: Carol@Acme.example
        expires: 2026-12-02T12:00:00Z
        reason: on-call cover
        ticket: OPS-7
  sales:
    exclusive: true
    members: [erin@acme.example]
applications:
  github:
    groups: [engineering]
    users:
      - email: dave@acme.example
        expires: "2026-11-01T00:00:00Z"
admins:
  bob@acme.example:
    roles: [Help Desk, {role: Read Only, expires: 2026-12-20T00:00:00+01:00}]
    revokeTo: Read Only
`;

// The same grants, reordered, reformatted (flow style, other quoting, other case), with comments.
const reordered = `admins: {"BOB@acme.example": {revokeTo: Read Only, roles: [{expires: "2026-12-20T00:00:00+01:00", role: Read Only}, Help Desk]}}
applications:
  github: {users: [{expires: "2026-11-01T00:00:00Z", email: dave@acme.example}], groups: ['engineering']}
groups:
  sales: {members: [ERIN@acme.example], exclusive: true}   # sales owns its list
  engineering:
    members:
      - {ticket: OPS-7, reason: on-call cover, expires: "2026-12-02T12:00:00Z", email: carol@acme.example}
      - "alice@acme.example"
`;

const keys = (grants: readonly ManifestGrant[]) => grants.map((grant) => grant.key);

describe("manifest grants", () => {
  it("flattens entries into grants with stable natural keys, sorted", () => {
    const loaded = parseManifestText(manifest, "access.yaml", { now });
    expect(keys(loaded.grants)).toMatchInlineSnapshot(`
      [
        "admin-role:bob@acme.example:help desk",
        "admin-role:bob@acme.example:read only",
        "assignment:github:group:engineering",
        "assignment:github:user:dave@acme.example",
        "membership:engineering:alice@acme.example",
        "membership:engineering:carol@acme.example",
        "membership:sales:erin@acme.example",
      ]
    `);
    expect(loaded.exclusiveGroups).toEqual(["sales"]);
    const carol = loaded.grants.find((grant) => grant.key === "membership:engineering:carol@acme.example");
    expect(carol).toEqual({
      kind: "membership",
      key: "membership:engineering:carol@acme.example",
      group: "engineering",
      email: "carol@acme.example",
      expires: new Date("2026-12-02T12:00:00Z"),
      reason: "on-call cover",
      ticket: "OPS-7",
      path: "groups.engineering.members[1]",
    });
  });

  it("gives the same keys and grants however the file is ordered or formatted", () => {
    const strip = (grants: readonly ManifestGrant[]) => grants.map(({ path: _path, ...rest }) => rest);
    const a = parseManifestText(manifest, "a.yaml", { now });
    const b = parseManifestText(reordered, "b.yaml", { now });
    expect(strip(b.grants)).toEqual(strip(a.grants));
  });

  it("warns about entries whose expiry has passed, at their line", () => {
    const loaded = parseManifestText(manifest, "access.yaml", { now });
    expect(loaded.warnings.map((warning) => formatIssue("access.yaml", warning))).toMatchInlineSnapshot(`
      [
        "access.yaml:17:9 applications.github.users[0]: expired at 2026-11-01T00:00:00.000Z: the grant is left out and the next update revokes it. Remove the entry.",
      ]
    `);
  });

  it("splits grants into active, expired and expiring within the window", () => {
    const loaded = parseManifestText(manifest, "access.yaml", { now });
    const plan = planGrants(loaded.grants, now, 7);
    expect(keys(plan.expired)).toEqual(["assignment:github:user:dave@acme.example"]);
    expect(plan.active).toHaveLength(6);
    expect(plan.expiringSoon).toEqual([
      {
        key: "membership:engineering:carol@acme.example",
        expires: "2026-12-02T12:00:00.000Z",
        daysLeft: 2,
        path: "groups.engineering.members[1]",
        reason: "on-call cover",
        ticket: "OPS-7",
      },
    ]);
    expect(planGrants(loaded.grants, now, 30).expiringSoon.map((soon) => soon.key)).toEqual([
      "membership:engineering:carol@acme.example",
      "admin-role:bob@acme.example:read only",
    ]);
    // The expiry instant itself counts as expired: access ends at the time written, not a moment later.
    const atExpiry = planGrants(loaded.grants, new Date("2026-12-02T12:00:00Z"), 7);
    expect(keys(atExpiry.expired)).toContain("membership:engineering:carol@acme.example");
  });

  it("validates a manifest given as an object, naming the path", () => {
    const ok = loadManifestObject({ groups: { sales: { members: ["judy@acme.example"] } } }, { now });
    expect(keys(ok.grants)).toEqual(["membership:sales:judy@acme.example"]);
    expect(() =>
      loadManifestObject({ groups: { sales: { members: ["judy"] } }, admins: [] }, { now }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [JumpCloudError: manifest has 2 errors:
        manifest groups.sales.members[0]: "judy" is not a valid email address. Write the full address, e.g. alice@example.com.
        manifest admins: must be a mapping of admin emails to their roles.
      Fix them and run again; nothing was changed in JumpCloud.]
    `);
  });

  it("loads a file and names it when it cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    try {
      const file = join(dir, "access.yaml");
      writeFileSync(file, manifest);
      expect(loadManifest(file, { now }).grants).toHaveLength(7);
      expect(() => loadManifest("missing/access.yaml")).toThrowErrorMatchingInlineSnapshot(
        `[JumpCloudError: Cannot read the access manifest missing/access.yaml. Check the path (it is relative to the Pulumi program's directory).]`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("accepts an empty manifest", () => {
    expect(parseManifestText("# nothing yet\n", "access.yaml", { now }).grants).toEqual([]);
  });
});
