import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { OrgFile, OrgSpec } from "./types";

const email = z.string().regex(/^[^@\s]+@[^@\s]+$/, "expected an email address");

const userSpec = z.strictObject({
  email,
  username: z.string().min(1).optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  department: z.string().optional(),
  jobTitle: z.string().optional(),
  state: z.enum(["ACTIVATED", "STAGED", "SUSPENDED"]).optional(),
  locked: z.boolean().optional(),
});

const groupSpec = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  membershipMethod: z.enum(["NOTSET", "STATIC", "DYNAMIC_REVIEW_REQUIRED", "DYNAMIC_AUTOMATED"]).optional(),
  members: z.array(email).optional(),
});

const applicationSpec = z.strictObject({
  name: z.string().min(1),
  label: z.string().optional(),
  active: z.boolean().optional(),
  groups: z.array(z.string().min(1)).optional(),
  users: z.array(email).optional(),
});

const adminSpec = z.strictObject({
  email,
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  roles: z.array(z.string().min(1)).min(1, "an admin needs at least one role"),
  suspended: z.boolean().optional(),
});

const orgSpec = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9a-fA-F]{24}$/, "expected a 24-character hex id")
    .optional(),
  name: z.string().min(1),
  users: z.array(userSpec).optional(),
  groups: z.array(groupSpec).optional(),
  applications: z.array(applicationSpec).optional(),
  admins: z.array(adminSpec).optional(),
  customRoles: z.array(z.string().min(1)).optional(),
});

const orgFile = z.union([z.strictObject({ organizations: z.array(orgSpec).min(1) }), orgSpec]);

function describe(error: z.ZodError, source: string): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    return `  ${where}: ${issue.message}`;
  });
  return `Invalid org file ${source}:\n${lines.join("\n")}\nAn org file is one org ({name, users, groups, applications, admins, customRoles}) or {organizations: [...]}.`;
}

/** Checks an org file's shape and returns its orgs in file order. Names the offending field on error. */
export function parseOrgFile(data: unknown, source = "(object)"): OrgSpec[] {
  const result = orgFile.safeParse(data);
  if (!result.success) throw new Error(describe(result.error, source));
  const specs: OrgSpec[] = "organizations" in result.data ? result.data.organizations : [result.data];
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name))
      throw new Error(`Invalid org file ${source}: organization "${spec.name}" is listed twice.`);
    names.add(spec.name);
  }
  return specs;
}

/** Reads a YAML (.yaml/.yml) or JSON org file. */
export function loadOrgFile(path: string): OrgFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`Cannot read org file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`Cannot parse org file ${path}: ${(error as Error).message}`);
  }
  const specs = parseOrgFile(data, path);
  return specs.length === 1 && !(typeof data === "object" && data !== null && "organizations" in data)
    ? specs[0]!
    : { organizations: specs };
}
