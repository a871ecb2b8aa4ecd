import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// An admin's role set as one AdminRoles on the real engine: it adopts the roles the admin holds, the reviewer's diff
// names the role added and the role removed (keyed by role name, never a re-indexed list), and destroy moves the
// admin to revokeTo.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;
const PUT = "PUT /api/users/{id}";
const QUIET = ["--non-interactive", "--color", "never"];

const program = (roles: Record<string, object>) => `
import * as jc from "pulumi-jumpcloud-access";

const ops = new jc.AdminRoles("ops", { adminEmail: "ops@roles.example", roles: ${JSON.stringify(roles)} });
export const roleNames = ops.roleNames;
`;

describe("AdminRoles on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  const ok = async (step: Promise<RunResult>): Promise<RunResult> => {
    const result = await step;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const roles = () => emulator.snapshot().admins.find((a) => a.email === "ops@roles.example")?.roles;
  const puts = () => emulator.requestLog().filter((r) => r.route === PUT).length;

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Roles Org",
        users: [{ email: "someone@roles.example" }],
        admins: [{ email: "ops@roles.example", roles: ["Help Desk"] }],
      },
    });
    project = await createPulumiProject({
      name: "admin-roles",
      program: program({ "Help Desk": {} }),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("adopts, adds and removes roles with a diff keyed by role name, and destroy moves the admin to revokeTo", async () => {
    // Create: the admin already holds the role, so nothing is written.
    emulator.clearRequestLog();
    await ok(project.up());
    expect(roles()).toEqual(["Help Desk"]);
    expect(puts()).toBe(0);
    await ok(project.run(["preview", "--expect-no-changes", ...QUIET]));

    // Add "Manager": the reviewer's diff names it.
    await project.writeProgram(program({ "Help Desk": {}, Manager: { ticket: "OPS-1234" } }));
    const addDiff = await ok(project.preview(["--diff"]));
    expect(addDiff.stdout).toMatch(/~ roles\s*: \{\n\s+\+ Manager\s*: \{\n\s+\+ ticket: "OPS-1234"\n\s+\}\n\s+\}/);
    expect(addDiff.stdout).not.toMatch(/Help Desk/);
    await ok(project.up());
    expect(roles()).toEqual(["Help Desk", "Manager"]);
    expect(puts()).toBe(1);

    // Remove "Help Desk": the diff names it, and one write leaves exactly "Manager".
    await project.writeProgram(program({ Manager: { ticket: "OPS-1234" } }));
    const removeDiff = await ok(project.preview(["--diff"]));
    expect(removeDiff.stdout).toMatch(/~ roles\s*: \{\n\s+- Help Desk\s*: \{\}\n\s+Manager\s*: \{/);
    expect(removeDiff.stdout).not.toMatch(/[+-] Manager/);
    await ok(project.up());
    expect(roles()).toEqual(["Manager"]);
    expect(puts()).toBe(2);
    await ok(project.run(["preview", "--expect-no-changes", "--refresh", ...QUIET]));

    // Destroy revokes what the stack owns; "Manager" was the last role, so the admin moves to "Read Only".
    const destroyed = await ok(project.destroy());
    expect(roles()).toEqual(["Read Only"]);
    expect(destroyed.stdout + destroyed.stderr).toContain(
      '"Manager" was the only role of administrator ops@roles.example, and JumpCloud admins must hold one: moved the admin to "Read Only" (revokeTo), which has no more privileges than the revoked role.',
    );
  }, 600_000);
});
