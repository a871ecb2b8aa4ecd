import { describe, expect, it } from "vitest";
import { parseManifest } from "../../../provider/manifest";
import { editManifestText } from "../../../provider/review/campaign";

const source = `# yaml-language-server: $schema=./schema.json
version: 1 # format

# Groups, one per team.
groups:
  engineering:   # the builders
    owner: lead@acme.example
    members:
      - alice@acme.example   # founder
      # bob covers on-call
      - email: bob@acme.example # temporary
        reason: "on-call cover"
        ticket: 'OPS-1'
      - carol@acme.example
  sales:
    members: [erin@acme.example, "frank@acme.example"]

applications:
  github:
    groups: [engineering]
    users:
    - gina@acme.example
# end of file
`;

const valid = (text: string) => {
  const result = parseManifest(text, { now: new Date("2026-12-01T00:00:00Z") });
  expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
  return text;
};

describe("manifest edits keep every byte outside the edited entries", () => {
  it("removes block and flow entries, with their own lines only", () => {
    const out = editManifestText(source, [
      { op: "remove", entry: ["groups", "engineering", "members", 1] },
      { op: "remove", entry: ["groups", "sales", "members", 0] },
    ]);
    expect(valid(out)).toBe(
      source
        .replace(
          `      - email: bob@acme.example # temporary\n        reason: "on-call cover"\n        ticket: 'OPS-1'\n`,
          "",
        )
        .replace(`[erin@acme.example, "frank@acme.example"]`, `["frank@acme.example"]`),
    );
  });

  it("writes an empty list when the last entry of a block list goes", () => {
    const out = editManifestText(source, [{ op: "remove", entry: ["applications", "github", "users", 0] }]);
    expect(valid(out)).toBe(source.replace("    users:\n    - gina@acme.example\n", "    users: []\n"));
  });

  it("sets expires on a bare entry, on a mapping entry and in a flow list", () => {
    const out = editManifestText(source, [
      { op: "set-expires", entry: ["groups", "engineering", "members", 0], expires: "2027-03-31T23:59:59Z" },
      { op: "set-expires", entry: ["groups", "engineering", "members", 1], expires: "2027-01-31T23:59:59Z" },
      { op: "set-expires", entry: ["groups", "sales", "members", 1], expires: "2027-02-28T23:59:59Z" },
      { op: "set-expires", entry: ["applications", "github", "groups", 0], expires: "2027-06-30T23:59:59Z" },
    ]);
    expect(valid(out)).toBe(
      source
        .replace(
          "      - alice@acme.example   # founder\n",
          "      - email: alice@acme.example   # founder\n        expires: 2027-03-31T23:59:59Z\n",
        )
        .replace("        ticket: 'OPS-1'\n", "        ticket: 'OPS-1'\n        expires: 2027-01-31T23:59:59Z\n")
        .replace(
          `[erin@acme.example, "frank@acme.example"]`,
          `[erin@acme.example, { email: frank@acme.example, expires: 2027-02-28T23:59:59Z }]`,
        )
        .replace("groups: [engineering]", "groups: [{ group: engineering, expires: 2027-06-30T23:59:59Z }]"),
    );
    const again = editManifestText(out, [
      { op: "set-expires", entry: ["groups", "engineering", "members", 1], expires: "2027-02-01T23:59:59Z" },
    ]);
    expect(again).toBe(out.replace("expires: 2027-01-31T23:59:59Z", "expires: 2027-02-01T23:59:59Z"));
  });

  it("appends to existing lists at their indentation and creates missing lists and sections", () => {
    const out = editManifestText(source, [
      {
        op: "append",
        list: ["groups", "engineering", "members"],
        value: { email: "dan@acme.example", expires: "2027-03-31T23:59:59Z" },
      },
      { op: "append", list: ["applications", "github", "users"], value: "hal@acme.example" },
      { op: "append", list: ["groups", "sales", "members"], value: "ivy@acme.example" },
      { op: "append", list: ["groups", "support", "members"], value: "jo@acme.example" },
      {
        op: "append",
        list: ["revoked", "groups", "engineering", "members"],
        value: { email: "mallory@acme.example", reason: "left", reviewedAt: "2026-12-01" },
      },
      {
        op: "append",
        list: ["revoked", "applications", "github", "users"],
        value: { email: "eve@acme.example", reviewedAt: "2026-12-01" },
      },
    ]);
    expect(valid(out)).toBe(
      source
        .replace(
          "      - carol@acme.example\n",
          "      - carol@acme.example\n      - email: dan@acme.example\n        expires: 2027-03-31T23:59:59Z\n",
        )
        .replace(
          `"frank@acme.example"]`,
          `"frank@acme.example", ivy@acme.example]\n  support:\n    members:\n      - jo@acme.example`,
        )
        .replace(
          "    - gina@acme.example\n",
          [
            "    - gina@acme.example",
            "    - hal@acme.example",
            "revoked:",
            "  groups:",
            "    engineering:",
            "      members:",
            "        - email: mallory@acme.example",
            "          reason: left",
            "          reviewedAt: 2026-12-01",
            "  applications:",
            "    github:",
            "      users:",
            "        - email: eve@acme.example",
            "          reviewedAt: 2026-12-01",
            "",
          ].join("\n"),
        ),
    );
  });

  it("quotes what YAML would misread, and refuses what it cannot edit in place", () => {
    const out = editManifestText("groups:\n  ops:\n    members: [a@acme.example]\n", [
      {
        op: "append",
        list: ["groups", "ops", "members"],
        value: { email: "b@acme.example", reason: "on call: nights" },
      },
    ]);
    expect(valid(out)).toBe(
      'groups:\n  ops:\n    members: [a@acme.example, { email: b@acme.example, reason: "on call: nights" }]\n',
    );
    expect(() =>
      editManifestText("groups: { ops: { members: [a@acme.example] } }\n", [
        { op: "append", list: ["groups", "dev", "members"], value: "b@acme.example" },
      ]),
    ).toThrow(/Cannot edit groups of the manifest: it is not a block mapping/);
  });
});

describe("manifest edits of a file with CRLF line ends", () => {
  it("write their new lines with CRLF too", () => {
    const crlf = source.replaceAll("\n", "\r\n");
    const out = editManifestText(crlf, [
      { op: "remove", entry: ["groups", "engineering", "members", 2] },
      { op: "append", list: ["groups", "engineering", "members"], value: { email: "dan@acme.example", reason: "new" } },
    ]);
    expect(valid(out)).toBe(
      crlf.replace("      - carol@acme.example\r\n", "      - email: dan@acme.example\r\n        reason: new\r\n"),
    );
  });
});
