import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseManifest } from "../../../provider/manifest";

const root = join(__dirname, "..", "..", "..");
const schema = JSON.parse(readFileSync(join(root, "schema", "access-manifest.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const manifests = [
  "access.yaml",
  "examples/yaml-policy/access.yaml",
  "examples/drift-gate/access.yaml",
  "examples/msp-multi-org/acme.yaml",
  "examples/msp-multi-org/globex.yaml",
  "examples/quarterly-review/access.yaml",
];

describe("the manifest's JSON Schema (what editors check)", () => {
  it.each(manifests)("accepts %s, which the loader accepts too, and is referenced from it", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    const valid = validate(parse(text));
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(parseManifest(text, { now: new Date("2026-11-30T00:00:00Z") }).ok).toBe(true);
    const [, schemaPath] = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text) ?? [];
    expect(schemaPath && join(root, file, "..", schemaPath)).toBe(join(root, "schema", "access-manifest.schema.json"));
  });

  it("rejects what the loader rejects: unknown keys, malformed emails and dates, wrong shapes", () => {
    const bad = [
      { groups: { eng: { members: ["alice@acme.example"], owner: "x" } } },
      { groups: { eng: { members: ["not-an-email"] } } },
      { groups: { eng: { members: [{ email: "a@acme.example", expires: "next week" }] } } },
      { applications: { github: { groups: "engineering" } } },
      { admins: { "bob@acme.example": {} } },
      { version: 2 },
    ];
    for (const manifest of bad) {
      expect(validate(manifest), JSON.stringify(manifest)).toBe(false);
      expect(parseManifest(JSON.stringify(manifest)).ok, JSON.stringify(manifest)).toBe(false);
    }
  });
});
