#!/usr/bin/env node
// Generates the two schema files from the TypeScript sources; never edit them by hand.
//
//   schema.json                          Pulumi package schema: every resource of the SDK (inputs, outputs, required,
//                                        secret, replace-on-changes), the provider configuration, the manifest's types.
//   schema/access-manifest.schema.json   JSON Schema of access.yaml, for editors (`# yaml-language-server: $schema=`).
//
// Both come from one typescript-json-schema pass over the real interfaces (the SDK's `...Args` and the classes'
// `Output<T>` properties, unwrapped by mapped types in a small generated file), plus a conversion to Pulumi's dialect.
//
// Usage: node scripts/generate-schema.js           write both files
//        node scripts/generate-schema.js --check   exit 1 if either committed file is stale
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const TJS = require("typescript-json-schema");

const ts = TJS.ts;
const ROOT = path.resolve(__dirname, "..");
const PACKAGE = "jumpcloud";
const MANIFEST_TYPES = "provider/manifest/types.ts";
const MANIFEST_SCHEMA_PATH = "schema/access-manifest.schema.json";
const MANIFEST_SCHEMA_ID =
  "https://raw.githubusercontent.com/pulumi-jumpcloud-access/pulumi-jumpcloud-access/main/schema/access-manifest.schema.json";

// Which inputs replace the resource when they change. The resource kinds decide this in their `diff` (an edge
// cannot be moved, only removed and added); this table states the same rule for readers of the schema.
const REPLACE_ON_CHANGES = {
  UserGroupMembership: ["groupId", "groupName", "userId", "userEmail", "orgId"],
  UserGroupMembers: ["groupId", "groupName", "orgId"],
  ApplicationAssignment: [
    "applicationId",
    "applicationName",
    "userGroupId",
    "userGroupName",
    "userId",
    "userEmail",
    "orgId",
  ],
  ApplicationAssignments: ["applicationId", "applicationName", "orgId"],
  AdminRoleGrant: ["adminId", "adminEmail", "roleId", "roleName", "orgId"],
  AdminRoles: ["adminId", "adminEmail", "orgId"],
  RevokedAccess: ["groupId", "groupName", "applicationId", "applicationName", "adminId", "adminEmail", "orgId"],
};

// Stack configuration the provider reads (provider/config.ts `ConnectionSettings`), under the `jumpcloud:` namespace.
// Used where the interface has no doc comment of its own.
const CONFIG_SECRETS = new Set(["apiKey"]);
const CONFIG_DESCRIPTIONS = {
  apiKey:
    "The JumpCloud API key (an administrator's key; its role limits what can be read and changed). Keep it secret.",
  orgId: "The organization id (24 hex characters) a multi-tenant (MSP) key acts on, sent as `x-org-id`.",
  apiUrl: 'The console base URL, or "us", "eu" or "in". Defaults to "us".',
  concurrency: "How many requests may be in flight at once.",
  requestsPerSecond: "A client-side rate cap in requests per second (0 = none).",
  maxAttempts: "Attempts per request, counting the first, for 429, 5xx and network errors.",
  maxRetryWaitMs: "The longest wait between attempts, in milliseconds (also caps Retry-After).",
  timeoutMs: "Per-request timeout in milliseconds.",
};

/** Exported classes of sdk/index.ts that have a matching `<Name>Args` export: the package's resources. */
function sdkResources() {
  const file = path.join(ROOT, "sdk/index.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names = new Set();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
      continue;
    }
    for (const element of statement.exportClause.elements) names.add(element.name.text);
  }
  return [...names].filter((name) => /^[A-Z]/.test(name) && names.has(`${name}Args`)).sort();
}

/** A TypeScript file that turns each resource's Pulumi-flavoured types into plain ones typescript-json-schema reads. */
function writeSchemaInput(resources) {
  const dir = path.join(ROOT, "node_modules", ".cache", "pulumi-jumpcloud-access");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "schema-input.ts");
  const sdk = path.relative(dir, path.join(ROOT, "sdk/index")).split(path.sep).join("/");
  const lines = [
    'import type * as pulumi from "@pulumi/pulumi";',
    `import type * as sdk from "${sdk}";`,
    // Unlike pulumi.Unwrap, this leaves plain object types (AccessManifest) alone instead of renaming them.
    "type U<T> = T extends pulumi.OutputInstance<infer X> ? U<X> : T extends Promise<infer X> ? U<X> : T extends (infer E)[] ? U<E>[] : T;",
    "type Plain<T> = { [K in keyof T]: U<T[K]> };",
    "type OutputKeys<C> = { [K in keyof C]: C[K] extends pulumi.Output<unknown> ? K : never }[keyof C];",
    'type Outputs<C> = { [K in Exclude<OutputKeys<C>, "urn" | "id">]: C[K] extends pulumi.Output<infer U> ? U : never };',
  ];
  for (const name of resources) {
    // Prefixed: typescript-json-schema looks symbols up by name across the whole program.
    lines.push(`export type SchemaInputsOf${name} = Plain<sdk.${name}Args>;`);
    lines.push(`export type SchemaOutputsOf${name} = Outputs<sdk.${name}>;`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function compilerOptions() {
  // typescript-json-schema takes the options as written in tsconfig.json (strings), not parsed enums.
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  return { ...config.compilerOptions, noEmit: true, declaration: false, sourceMap: false, skipLibCheck: true };
}

/** The doc comment of an exported class or interface, by name, from the program's SDK and manifest files. */
function docComments(program) {
  const checker = program.getTypeChecker();
  const docs = new Map();
  for (const file of program.getSourceFiles()) {
    const rel = path.relative(ROOT, file.fileName);
    if (!(rel.startsWith("sdk/") || rel === MANIFEST_TYPES)) continue;
    ts.forEachChild(file, (node) => {
      if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : "";
        if (text) docs.set(node.name.text, text);
      }
    });
  }
  return docs;
}

/** Doc comments of a class's members (`declare readonly adopted: Output<boolean>` and the like), by member name. */
function memberDocs(program, className) {
  const checker = program.getTypeChecker();
  const docs = new Map();
  for (const file of program.getSourceFiles()) {
    if (!path.relative(ROOT, file.fileName).startsWith("sdk/")) continue;
    for (const node of file.statements) {
      if (!ts.isClassDeclaration(node) || node.name?.text !== className) continue;
      for (const member of node.members) {
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        const symbol = checker.getSymbolAtLocation(member.name);
        const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : "";
        if (text) docs.set(member.name.text, text);
      }
    }
  }
  return docs;
}

/** The environment variable behind each setting, read from `ENVIRONMENT_VARIABLES` in provider/config.ts. */
function environmentVariables() {
  const file = path.join(ROOT, "provider/config.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out = {};
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === "ENVIRONMENT_VARIABLES") {
      let init = node.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression?.(init))) init = init.expression;
      if (init && ts.isObjectLiteralExpression(init)) {
        for (const prop of init.properties) {
          if (ts.isPropertyAssignment(prop) && ts.isStringLiteral(prop.initializer)) {
            out[prop.name.getText(source)] = prop.initializer.text;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The class of a resource: component (ComponentResource) or custom, read from its base class. */
function isComponent(program, name) {
  const checker = program.getTypeChecker();
  for (const file of program.getSourceFiles()) {
    if (!path.relative(ROOT, file.fileName).startsWith("sdk/")) continue;
    for (const node of file.statements) {
      if (!ts.isClassDeclaration(node) || node.name?.text !== name) continue;
      let type = checker.getTypeAtLocation(node);
      while (type) {
        const base = type.getBaseTypes?.()?.[0];
        if (!base) break;
        if (base.symbol?.name === "ComponentResource") return true;
        if (base.symbol?.name === "CustomResource") return false;
        type = base;
      }
    }
  }
  return false;
}

function generateSchemas() {
  const resources = sdkResources();
  const input = writeSchemaInput(resources);
  const files = [input, path.join(ROOT, MANIFEST_TYPES), path.join(ROOT, "provider/config.ts")];
  const program = TJS.getProgramFromFiles(files, compilerOptions(), ROOT);
  const generator = TJS.buildGenerator(program, {
    required: true,
    noExtraProps: true,
    titles: false,
    ref: true,
    aliasRef: false,
    topRef: false,
    strictNullChecks: true,
    // `tsc --noEmit` checks these sources in the test command; skipping the full type check here keeps this fast.
    ignoreErrors: true,
  });
  if (!generator) throw new Error("typescript-json-schema could not build a generator.");
  const docs = docComments(program);
  const manifest = manifestJsonSchema(generator);
  return { manifest, pulumi: pulumiSchema(generator, program, resources, docs, manifest) };
}

/**
 * An entry written as a bare string (`- alice@acme.example`) is shorthand for the mapping's one required field
 * (`- email: alice@acme.example`). TypeScript folds `Email | MemberGrant` to `string | MemberGrant`, dropping the
 * alias's JSDoc (`@format email`), so the shorthand gets the field's schema back here.
 */
function shorthandEntries(schema) {
  const definitions = schema.definitions ?? {};
  for (const definition of Object.values(definitions)) {
    const variants = definition.anyOf;
    if (!Array.isArray(variants)) continue;
    const ref = variants.find((variant) => variant.$ref);
    const target = ref && definitions[decodeURIComponent(ref.$ref.replace(/^#\/definitions\//, ""))];
    const required = target?.required ?? [];
    const field = required.length === 1 ? target.properties?.[required[0]] : undefined;
    if (field?.type !== "string") continue;
    const { description: _description, ...fieldSchema } = field;
    definition.anyOf = variants.map((variant) =>
      variant.type === "string" && Object.keys(variant).length === 1 ? fieldSchema : variant,
    );
  }
  return schema;
}

function manifestJsonSchema(generator) {
  const schema = shorthandEntries(generator.getSchemaForSymbol("AccessManifest"));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: MANIFEST_SCHEMA_ID,
    title: "JumpCloud access manifest (access.yaml)",
    ...schema,
  };
}

// ---- Pulumi dialect ----------------------------------------------------------------------------------------------

// Resources and object types share one token namespace; a type named like a resource (the graph model's
// `AdminRoleGrant` record, the `AccessGraph` document) goes to the `model` module instead.
const resourceNames = new Set();
const typeToken = (name) => `${PACKAGE}:${resourceNames.has(name) ? "model" : "index"}:${name}`;
const resourceToken = (name) => `${PACKAGE}:index:${name}`;

/** One JSON Schema property → a Pulumi property spec (`$ref`s into `#/types`, unions as `oneOf`, maps, arrays). */
function toPulumiProperty(schema, types, definitions) {
  if (schema.$ref) {
    const name = decodeURIComponent(schema.$ref.replace(/^#\/definitions\//, ""));
    const target = definitions[name];
    // Plain aliases (Email = string, MemberEntry = Email | MemberGrant) are inlined; objects become named types.
    // Generic instantiations (`Record<InlineOutput, number>`) have no valid token name: maps of one value type
    // become Pulumi maps, anything else gets its name stripped to letters and digits.
    if (target && target.type === "object" && target.properties && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      const values = Object.values(target.properties).map((value) =>
        JSON.stringify(stripDescription(toPulumiProperty(value, types, definitions))),
      );
      if (values.length > 0 && new Set(values).size === 1) {
        const spec = { type: "object", additionalProperties: JSON.parse(values[0]) };
        return schema.description ? { ...spec, description: schema.description } : spec;
      }
      const clean = name.replace(/[^A-Za-z0-9]/g, "");
      addObjectType(clean, target, types, definitions);
      return { $ref: `#/types/${typeToken(clean)}` };
    }
    if (target && target.type === "object" && target.properties) {
      addObjectType(name, target, types, definitions);
      return { $ref: `#/types/${typeToken(name)}` };
    }
    return toPulumiProperty({ ...target, description: schema.description ?? target?.description }, types, definitions);
  }
  // A property without its own doc comment inherits Pulumi's `Input<T>` comment through `Unwrap`: drop that.
  const own = schema.description && !schema.description.includes("{@link") ? schema.description : undefined;
  const described = (spec) => (own ? { ...spec, description: own } : spec);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const specs = variants.map((variant) => toPulumiProperty(variant, types, definitions));
    const unique = [...new Map(specs.map((spec) => [JSON.stringify(spec), spec])).values()];
    return described(unique.length === 1 ? unique[0] : { oneOf: unique.map(stripDescription) });
  }
  if (schema.enum || schema.const !== undefined) {
    const values = schema.enum ?? [schema.const];
    const kind =
      typeof values[0] === "number" ? (Number.isInteger(values[0]) ? "integer" : "number") : typeof values[0];
    return described({ type: kind });
  }
  if (Array.isArray(schema.type)) {
    const kinds = schema.type.filter((kind) => kind !== "null");
    return toPulumiProperty({ ...schema, type: kinds.length === 1 ? kinds[0] : undefined }, types, definitions);
  }
  switch (schema.type) {
    case "string":
    case "boolean":
    case "integer":
      return described({ type: schema.type });
    case "number":
      return described({ type: "number" });
    case "array":
      return described({
        type: "array",
        items: stripDescription(toPulumiProperty(schema.items ?? {}, types, definitions)),
      });
    case "object":
      if (schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
        const items = toPulumiProperty(schema.additionalProperties, types, definitions);
        return described({ type: "object", additionalProperties: stripDescription(items) });
      }
      return described({ $ref: "pulumi.json#/Any" });
    default:
      return described({ $ref: "pulumi.json#/Any" });
  }
}

function stripDescription(spec) {
  const { description: _description, ...rest } = spec;
  return rest;
}

function addObjectType(name, schema, types, definitions) {
  const token = typeToken(name);
  if (types[token]) return;
  types[token] = { type: "object" }; // reserve first: types may refer to themselves
  const properties = {};
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    properties[key] = toPulumiProperty(value, types, definitions);
  }
  const spec = { type: "object", properties };
  if (schema.description) spec.description = schema.description;
  if (schema.required?.length) spec.required = [...schema.required].sort();
  types[token] = spec;
}

function resourceSpec(generator, program, name, docs, types) {
  const inputs = generator.getSchemaForSymbol(`SchemaInputsOf${name}`);
  const outputs = generator.getSchemaForSymbol(`SchemaOutputsOf${name}`);
  const definitions = { ...(inputs.definitions ?? {}), ...(outputs.definitions ?? {}) };
  const replace = new Set(REPLACE_ON_CHANGES[name] ?? []);
  const inputProperties = {};
  for (const [key, value] of Object.entries(inputs.properties ?? {})) {
    const spec = toPulumiProperty(value, types, definitions);
    if (replace.has(key)) spec.replaceOnChanges = true;
    inputProperties[key] = spec;
  }
  const members = memberDocs(program, name);
  const properties = {};
  for (const [key, value] of Object.entries(outputs.properties ?? {})) {
    const spec = toPulumiProperty(value, types, definitions);
    const description = members.get(key) ?? inputProperties[key]?.description;
    properties[key] = description ? { ...spec, description } : spec;
  }
  const component = isComponent(program, name);
  const spec = {
    description: docs.get(name) ?? `${name}.`,
    properties,
    required: [...(outputs.required ?? [])].sort(),
    inputProperties,
    requiredInputs: [...(inputs.required ?? [])].sort(),
  };
  if (component) spec.isComponent = true;
  // The engine records dynamic resources under this type; the alias ties the documented token to state.
  else spec.aliases = [{ type: `pulumi-nodejs:dynamic/${PACKAGE}:${name}` }];
  return spec;
}

function configVariables(generator) {
  const schema = generator.getSchemaForSymbol("ConnectionSettings");
  const env = environmentVariables();
  const variables = {};
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    const spec = toPulumiProperty(value, {}, schema.definitions ?? {});
    const text = spec.description ?? CONFIG_DESCRIPTIONS[key] ?? "";
    const fromEnv = env[key] ? ` Also read from the ${env[key]} environment variable.` : "";
    spec.description = `${text}${fromEnv}`.trim();
    if (CONFIG_SECRETS.has(key)) spec.secret = true;
    variables[key] = spec;
  }
  return variables;
}

function pulumiSchema(generator, program, resources, docs, manifest) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const types = {};
  const definitions = manifest.definitions ?? {};
  addObjectType("AccessManifest", manifest, types, definitions);
  const specs = {};
  for (const name of resources) resourceNames.add(name);
  for (const name of resources) specs[resourceToken(name)] = resourceSpec(generator, program, name, docs, types);
  return {
    name: PACKAGE,
    displayName: "JumpCloud Access",
    version: pkg.version,
    description: pkg.description,
    homepage: pkg.homepage,
    license: pkg.license,
    keywords: ["pulumi", "jumpcloud", "access", "category/utility"],
    meta: { moduleFormat: "(.*)" },
    config: { variables: configVariables(generator) },
    types: sortKeys(types),
    resources: sortKeys(specs),
    language: { nodejs: { packageName: pkg.name } },
  };
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

const serialize = (value) => `${JSON.stringify(value, dropUndefined, 2)}\n`;
function dropUndefined(_key, value) {
  return value === undefined ? undefined : value;
}

const OUTPUTS = [
  ["schema.json", (schemas) => schemas.pulumi],
  [MANIFEST_SCHEMA_PATH, (schemas) => schemas.manifest],
];

/** Returns the files whose committed text differs from a fresh generation. */
function staleFiles(schemas = generateSchemas()) {
  return OUTPUTS.filter(([file, pick]) => {
    const full = path.join(ROOT, file);
    return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== serialize(pick(schemas));
  }).map(([file]) => file);
}

function writeSchemas(schemas = generateSchemas()) {
  for (const [file, pick] of OUTPUTS) {
    const full = path.join(ROOT, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, serialize(pick(schemas)));
  }
}

module.exports = { generateSchemas, staleFiles, writeSchemas, serialize };

if (require.main === module) {
  const schemas = generateSchemas();
  if (process.argv.includes("--check")) {
    const stale = staleFiles(schemas);
    if (stale.length) {
      process.stderr.write(
        `Stale: ${stale.join(", ")}. Run "node scripts/generate-schema.js" and commit the result.\n`,
      );
      process.exit(1);
    }
    process.stdout.write("schema.json and the manifest schema are up to date.\n");
  } else {
    writeSchemas(schemas);
    process.stdout.write(`Wrote schema.json and ${MANIFEST_SCHEMA_PATH}.\n`);
  }
}
