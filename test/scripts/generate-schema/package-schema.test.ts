import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import * as sdkExports from "../../../sdk";

const root = join(__dirname, "..", "..", "..");
// biome-ignore lint/suspicious/noExplicitAny: the generator is a plain script; its JSON is checked below.
type Json = any;
const generator = require("../../../scripts/generate-schema.js") as {
  generateSchemas(): { pulumi: Json; manifest: Json };
  staleFiles(schemas?: { pulumi: Json; manifest: Json }): string[];
};

const committed = (file: string): Json => JSON.parse(readFileSync(join(root, file), "utf8"));

/** Pulumi's own metaschema, from the Go module of the engine release this repository builds its CLI from. */
function pulumiMetaschema(): Json {
  const version = committed("node_modules/@pulumi/pulumi/package.json").version as string;
  const module = `github.com/pulumi/pulumi/pkg/v3@v${version}`;
  const info = JSON.parse(
    execFileSync("go", ["mod", "download", "-json", module], { encoding: "utf8", cwd: tmpdir() }),
  );
  return JSON.parse(readFileSync(join(info.Dir as string, "codegen", "schema", "pulumi.json"), "utf8"));
}

describe("schema.json", () => {
  it("is what the generator makes from the TypeScript sources today", () => {
    const schemas = generator.generateSchemas();
    expect(generator.staleFiles(schemas), 'run "node scripts/generate-schema.js" and commit the result').toEqual([]);
  });

  it("is valid against Pulumi's package metaschema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(pulumiMetaschema());
    const valid = validate(committed("schema.json"));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("describes every resource the SDK exports, with its contract", () => {
    const schema = committed("schema.json");
    const sdk = sdkExports as Record<string, unknown>;
    const classes = Object.keys(sdk).filter((name) => typeof sdk[name] === "function" && /^[A-Z]/.test(name));
    expect(Object.keys(schema.resources).sort()).toEqual(classes.map((name) => `jumpcloud:index:${name}`).sort());

    const membership = schema.resources["jumpcloud:index:UserGroupMembership"];
    expect(membership.inputProperties.userEmail).toMatchObject({ type: "string", replaceOnChanges: true });
    expect(membership.properties.adopted).toMatchObject({ type: "boolean" });
    expect(membership.aliases).toEqual([{ type: "pulumi-nodejs:dynamic/jumpcloud:UserGroupMembership" }]);
    const members = schema.resources["jumpcloud:index:UserGroupMembers"];
    expect(members.inputProperties.userEmails).toMatchObject({ type: "array", items: { type: "string" } });
    expect(members.inputProperties.userEmails.replaceOnChanges).toBeUndefined();
    expect(schema.config.variables.apiKey).toMatchObject({ type: "string", secret: true });
    expect(schema.types["jumpcloud:index:AccessManifest"].properties.groups).toEqual({
      type: "object",
      additionalProperties: { $ref: "#/types/jumpcloud:index:GroupPolicy" },
      description: "User groups by name, each with the users it should contain.",
    });
  });

  it("points every type reference at a type it defines", () => {
    const schema = committed("schema.json");
    const refs = JSON.stringify(schema).match(/"#\/types\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      expect(Object.keys(schema.types)).toContain(JSON.parse(ref).slice("#/types/".length));
    }
  });
});
