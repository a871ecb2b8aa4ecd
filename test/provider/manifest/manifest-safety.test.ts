import { describe, expect, it } from "vitest";
import {
  formatIssue,
  type ManifestIssue,
  type ManifestResult,
  parseManifest,
  validateManifest,
} from "../../../provider/manifest";

const now = new Date("2026-01-15T12:00:00Z");
const KELVIN = "\u212A";

const show = (issues: ManifestIssue[]) => issues.map((issue) => formatIssue("access.yaml", issue));

function errorsOf(text: string): string[] {
  const result = parseManifest(text, { now });
  if (result.ok) throw new Error("expected the manifest to be rejected");
  return show(result.errors);
}

function accepted(result: ManifestResult) {
  if (!result.ok) throw new Error(`expected the manifest to be accepted: ${show(result.errors).join("\n")}`);
  return result;
}

describe("#12.7 look-alike emails in manifests", () => {
  it("warns at the entry about every address with non-ASCII characters, naming it", () => {
    const text = [
      "groups:",
      "  engineering:",
      `    members: [${KELVIN}ate@acme.example, alice@acme.example]`,
      "applications:",
      "  github:",
      `    users: [{email: r\u00E9my@acme.example}]`,
      "admins:",
      `  ${KELVIN}eeper@acme.example:`,
      "    roles: [Administrator]",
    ].join("\n");
    expect(show(accepted(parseManifest(text, { now })).warnings)).toEqual([
      `access.yaml:3:15 groups.engineering.members[0]: "${KELVIN}ate@acme.example" contains non-ASCII characters (U+212A): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`,
      `access.yaml:6:21 applications.github.users[0].email: "r\u00E9my@acme.example" contains non-ASCII characters (U+00E9): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`,
      `access.yaml:8:3 admins["${KELVIN}eeper@acme.example"]: "${KELVIN}eeper@acme.example" contains non-ASCII characters (U+212A): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`,
    ]);
  });

  it("keeps an address spelled with the Kelvin sign apart from the ASCII one", () => {
    const text = `groups:\n  eng:\n    members: [kate@acme.example, ${KELVIN}ATE@acme.example]\n`;
    const { grants } = accepted(parseManifest(text, { now }));
    expect(grants.map((g) => g.key)).toEqual([
      "membership:eng:kate@acme.example",
      `membership:eng:${KELVIN}ate@acme.example`,
    ]);
  });
});

describe("#12.14 inputs: impossible dates", () => {
  it.each([
    ["2026-02-30T00:00:00Z", "February 2026 has 28 days"],
    ["2028-02-30T00:00:00Z", "February 2028 has 29 days"],
    ["2026-04-31T09:00:00+02:00", "April 2026 has 30 days"],
    ["2100-02-29T00:00:00Z", "February 2100 has 28 days"],
    ["2026-13-01T00:00:00Z", "there is no month 13"],
    ["2026-12-31T24:00:00Z", "24:00:00 is not a time of day"],
    ["2026-12-31T23:60:00Z", "23:60:00 is not a time of day"],
    ["2026-12-31T23:00:00+24:00", "+24:00 is not a time zone offset"],
  ])("rejects expires %s at its position instead of moving it to another day", (expires, why) => {
    const text = `groups:\n  eng:\n    members:\n      - email: alice@acme.example\n        expires: ${expires}\n`;
    expect(errorsOf(text)).toEqual([
      `access.yaml:5:18 groups.eng.members[0].expires: "${expires}" is not a real date and time (${why}). Write an existing instant, e.g. 2026-12-31T18:00:00Z.`,
    ]);
  });

  it("still accepts the last day of each month, leap days and offsets", () => {
    const text = [
      "groups:",
      "  eng:",
      "    members:",
      "      - {email: a@acme.example, expires: 2028-02-29T23:59:59Z}",
      "      - {email: d@acme.example, expires: 2000-02-29T00:00:00Z}",
      "      - {email: b@acme.example, expires: 2026-04-30T00:00:00-12:00}",
      "      - {email: c@acme.example, expires: 2026-12-31T23:59:59.999+14:00}",
    ].join("\n");
    expect(accepted(parseManifest(text, { now })).grants.map((g) => g.expires?.toISOString())).toEqual([
      "2028-02-29T23:59:59.000Z",
      "2026-04-30T12:00:00.000Z",
      "2026-12-31T09:59:59.999Z",
      "2000-02-29T00:00:00.000Z",
    ]);
  });
});

describe("#12.14 inputs: names that are also JavaScript object keys", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "keeps a group, an application and a group assignment named %s",
    (name) => {
      const text = [
        "groups:",
        `  ${name}:`,
        "    members: [alice@acme.example]",
        "applications:",
        `  ${name}:`,
        `    groups: [${name}]`,
      ].join("\n");
      const { grants } = accepted(parseManifest(text, { now }));
      expect(grants.map((g) => g.key)).toEqual([
        `assignment:${name}:group:${name}`,
        `membership:${name}:alice@acme.example`,
      ]);
    },
  );

  it("keeps __proto__ in a manifest given as data, and still reports problems inside it", () => {
    const data = JSON.parse('{"groups": {"__proto__": {"members": ["alice@acme.example"]}}}');
    expect(accepted(validateManifest(data, { now })).grants.map((g) => g.key)).toEqual([
      "membership:__proto__:alice@acme.example",
    ]);
    const text = "groups:\n  __proto__:\n    members: [alice]\n    colour: blue\n";
    expect(errorsOf(text)).toEqual([
      'access.yaml:3:15 groups.__proto__.members[0]: "alice" is not a valid email address. Write the full address, e.g. alice@example.com.',
      'access.yaml:4:5 groups.__proto__.colour: unknown key "colour". Expected one of: owner, exclusive, allowEmpty, members.',
    ]);
  });
});

describe("#12.14 inputs: natural keys of names containing ':'", () => {
  it("gives different grants different keys, where ':' used to make them collide", () => {
    const text = [
      "groups:",
      '  "a:b":',
      "    members: [c@acme.example]",
      "  a:",
      '    members: ["b:c@acme.example"]',
      "applications:",
      "  x:",
      '    groups: ["y:group:z"]',
      '  "x:group:y":',
      "    groups: [z]",
      "admins:",
      "  a@b.c:",
      '    roles: ["d:e"]',
      '  "a@b.c:d":',
      "    roles: [e]",
    ].join("\n");
    const keys = accepted(parseManifest(text, { now })).grants.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([
      "admin-role:a@b.c%3Ad:e",
      "admin-role:a@b.c:d%3Ae",
      "assignment:x%3Agroup%3Ay:group:z",
      "assignment:x:group:y%3Agroup%3Az",
      "membership:a%3Ab:c@acme.example",
      "membership:a:b%3Ac@acme.example",
    ]);
  });

  it("keeps the keys of ordinary names exactly as before, so existing stacks see no change", () => {
    const text = [
      "groups:",
      "  Platform On-Call (EU):",
      "    members: [Alice.Smith+jc@Acme.example]",
      "applications:",
      "  GitHub Enterprise:",
      "    groups: [Platform On-Call (EU)]",
      "    users: [bob@acme.example]",
      "admins:",
      "  It-Admin@acme.example:",
      "    roles: [Administrator With Billing]",
    ].join("\n");
    expect(accepted(parseManifest(text, { now })).grants.map((g) => g.key)).toEqual([
      "admin-role:it-admin@acme.example:administrator with billing",
      "assignment:GitHub Enterprise:group:Platform On-Call (EU)",
      "assignment:GitHub Enterprise:user:bob@acme.example",
      "membership:Platform On-Call (EU):alice.smith+jc@acme.example",
    ]);
  });
});

describe("#12.14 inputs: YAML alias bombs", () => {
  const bomb = [
    "x: &a [alice@acme.example, alice@acme.example, alice@acme.example, alice@acme.example]",
    "y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "v: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "groups:",
    "  eng:",
    "    members: [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  ].join("\n");

  it("reports the alias that expands too far at its position, with no exception", () => {
    const result = parseManifest(bomb, { now });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : show(result.errors)).toEqual([
      "access.yaml:8:19 (aliases): *e makes the YAML aliases expand to more than 100,000 nodes. A manifest does not need this much repetition: write the entries out, or use fewer aliases.",
    ]);
  });

  it("reports an alias used before its anchor, and a recursive one, at their positions", () => {
    expect(errorsOf("groups:\n  eng:\n    members: *team\n")).toEqual([
      "access.yaml:3:14 (aliases): *team has no anchor &team before it. Define the anchor first, or write the entries out.",
    ]);
    expect(errorsOf("groups: &all\n  eng:\n    members: [*all]\n")).toEqual([
      "access.yaml:3:15 (aliases): *all refers to a node that contains it, which never ends. Write the entries out.",
    ]);
  });

  it("still accepts a list reused through an alias", () => {
    const text = [
      "groups:",
      "  eng:",
      "    members: &team [alice@acme.example, bob@acme.example]",
      "applications:",
      "  github:",
      "    users: *team",
    ].join("\n");
    expect(accepted(parseManifest(text, { now })).grants.map((g) => g.key)).toEqual([
      "assignment:github:user:alice@acme.example",
      "assignment:github:user:bob@acme.example",
      "membership:eng:alice@acme.example",
      "membership:eng:bob@acme.example",
    ]);
  });
});
