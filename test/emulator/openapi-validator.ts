import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";

/** JumpCloud's official OpenAPI 3.1 documents, read from `../shared/jumpcloud-api/` beside the repository root. */
export const SPEC_DIR = join(__dirname, "..", "..", "..", "shared", "jumpcloud-api");

type Json = Record<string, unknown>;
export type Family = "v1" | "v2";

export interface ValidationResult {
  /** Whether the spec documents this status for this operation (directly or via `default`). */
  documented: boolean;
  /** Whether the spec describes the body for this status (a documented status may carry only a description). */
  described: boolean;
  valid: boolean;
  errors: ErrorObject[];
  /** The JSON pointer of the schema used, for messages. */
  schema: string | null;
}

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Validates emulator responses against the spec with Ajv's JSON Schema 2020-12 build (OpenAPI 3.1's dialect). The
 * whole document is registered once, so every `$ref` inside it resolves; only the response schemas used are compiled.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly docs: Record<Family, Json>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(dir = SPEC_DIR) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
    addFormats(this.ajv);
    // Numeric width formats carry no constraint Ajv knows; accept them as the spec intends (plain integers/numbers).
    for (const format of ["int32", "int64", "uint32", "uint64", "double", "hex"]) this.ajv.addFormat(format, true);
    this.docs = {
      v1: parseYaml(readFileSync(join(dir, "v1.yaml"), "utf8")) as Json,
      v2: parseYaml(readFileSync(join(dir, "v2.yaml"), "utf8")) as Json,
    };
    for (const family of ["v1", "v2"] as const) this.ajv.addSchema(this.docs[family], family);
  }

  /** The spec path template for an emulator path template, e.g. `/api/v2/usergroups/{id}/members` → `/usergroups/{group_id}/members`. */
  specPath(family: Family, template: string): string | null {
    const relative = template.slice(family === "v1" ? "/api".length : "/api/v2".length);
    const shape = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
    const paths = this.docs[family].paths as Json;
    return Object.keys(paths).find((p) => shape(p) === shape(relative)) ?? null;
  }

  private resolve(family: Family, node: unknown): Json | undefined {
    let current = node as Json | undefined;
    while (current && typeof current.$ref === "string") {
      const pointer = (current.$ref as string).slice(2).split("/");
      current = pointer.reduce<unknown>(
        (o, k) => (o as Json | undefined)?.[k.replace(/~1/g, "/").replace(/~0/g, "~")],
        this.docs[family],
      ) as Json | undefined;
    }
    return current;
  }

  /** The JSON pointer of the documented response schema for an operation and status, if any. */
  responseSchema(family: Family, template: string, method: string, status: number) {
    const path = this.specPath(family, template);
    if (!path) return { documented: false, pointer: null, hasBody: false };
    const operation = (this.docs[family].paths as Json)[path] as Json | undefined;
    const responses = (operation?.[method.toLowerCase()] as Json | undefined)?.responses as Json | undefined;
    if (!responses) return { documented: false, pointer: null, hasBody: false };
    const key = String(status) in responses ? String(status) : "default" in responses ? "default" : null;
    if (!key) return { documented: false, pointer: null, hasBody: false };
    const response = this.resolve(family, responses[key]);
    const content = response?.content as Json | undefined;
    if (!content?.["application/json"]) return { documented: true, pointer: null, hasBody: false };
    let pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${key}`;
    const ref = (responses[key] as Json).$ref;
    if (typeof ref === "string") pointer = ref;
    return { documented: true, pointer: `${pointer}/content/application~1json/schema`, hasBody: true };
  }

  private compile(family: Family, pointer: string): ValidateFunction {
    const id = `${family}${pointer}`;
    let validate = this.compiled.get(id);
    if (!validate) {
      const fn = this.ajv.getSchema(id);
      if (!fn) throw new Error(`No schema at ${id}`);
      validate = fn;
      this.compiled.set(id, validate);
    }
    return validate;
  }

  /** Validates a body against any schema of the document by pointer (for undocumented operations' documented shapes). */
  validateAgainst(family: Family, pointer: string, body: unknown): ValidationResult {
    const validate = this.compile(family, pointer);
    const valid = validate(body) as boolean;
    return {
      documented: true,
      described: true,
      valid,
      errors: valid ? [] : [...(validate.errors ?? [])],
      schema: pointer,
    };
  }

  validateResponse(family: Family, template: string, method: string, status: number, body: unknown): ValidationResult {
    const schema = this.responseSchema(family, template, method, status);
    if (!schema.documented) return { documented: false, described: false, valid: false, errors: [], schema: null };
    if (!schema.hasBody || !schema.pointer) {
      // A 204 has no body by definition; any other status documented without content leaves the body undescribed.
      const valid = status !== 204 || body === undefined;
      return { documented: true, described: status === 204, valid, errors: [], schema: null };
    }
    return this.validateAgainst(family, schema.pointer, body);
  }
}
