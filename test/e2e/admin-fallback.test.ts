import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// #12.5 on the real engine: a grant replaces an admin's fallback role only when a revoke of the same update put it
// there. Whether a declared "Read Only" grant survives must not depend on the order the engine reaches resources in:
// `dependsOn` makes the engine check and diff the "Read Only" grant only after the new grant was created, the order
// that removed it before.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;

interface Grant {
  name: string;
  adminEmail: string;
  roleName: string;
  /** Registered only after this grant is created. */
  after?: string;
}

const program = (grants: Grant[]) => `
import * as jc from "pulumi-jumpcloud-access";

const made: Record<string, jc.AdminRoleGrant> = {};
${grants
  .map(
    (g) =>
      `made[${JSON.stringify(g.name)}] = new jc.AdminRoleGrant(${JSON.stringify(g.name)}, ${JSON.stringify({
        adminEmail: g.adminEmail,
        roleName: g.roleName,
      })}${g.after ? `, { dependsOn: [made[${JSON.stringify(g.after)}]!] }` : ""});`,
  )
  .join("\n")}
`;

describe("#12.5 the fallback role on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  const up = async (grants: Grant[]): Promise<RunResult> => {
    await project.writeProgram(program(grants));
    const result = await project.up();
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const roles = (email: string) => emulator.snapshot().admins.find((a) => a.email === email)?.roles;

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Fallback Org",
        users: [{ email: "someone@fallback.example" }],
        admins: [
          { email: "ro@fallback.example", roles: ["Read Only"] },
          { email: "console@fallback.example", roles: ["Read Only"] },
          { email: "mover@fallback.example", roles: ["Manager"] },
        ],
      },
    });
    project = await createPulumiProject({
      name: "admin-fallback",
      program: program([]),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("#12.5 a new grant never removes a declared or pre-existing fallback role, whatever the engine's order; a role change in one update leaves exactly the new role", async () => {
    // The stack adopts ro@'s "Read Only" and mover@'s "Manager"; console@'s "Read Only" was set in the console.
    const readOnly: Grant = { name: "ro-read-only", adminEmail: "ro@fallback.example", roleName: "Read Only" };
    const mover: Grant = { name: "mover", adminEmail: "mover@fallback.example", roleName: "Manager" };
    await up([readOnly, mover]);
    expect(roles("ro@fallback.example")).toEqual(["Read Only"]);

    // A new grant created before the engine reaches the declared "Read Only" grant, and one for an admin whose
    // only role this stack never set: both are added beside "Read Only".
    const manager: Grant = { name: "ro-manager", adminEmail: "ro@fallback.example", roleName: "Manager" };
    const consoleHelp: Grant = { name: "console-help", adminEmail: "console@fallback.example", roleName: "Help Desk" };
    await up([manager, { ...readOnly, after: manager.name }, mover, consoleHelp]);
    expect(roles("ro@fallback.example")).toEqual(["Manager", "Read Only"]);
    expect(roles("console@fallback.example")).toEqual(["Help Desk", "Read Only"]);
    const steady = await project.run(["preview", "--expect-no-changes", "--non-interactive", "--refresh"]);
    expect(steady.code, `${steady.stdout}\n${steady.stderr}`).toBe(0);

    // A role change (delete first, then create) of mover@'s only role: the revoke puts the fallback there and the
    // grant replaces it in the same update, leaving exactly the new role.
    const changed = await up([manager, { ...readOnly, after: manager.name }, { ...mover, roleName: "Help Desk" }]);
    expect(changed.stdout + changed.stderr).toMatch(/moved the admin to "Read Only" \(revokeTo\)/);
    expect(roles("mover@fallback.example")).toEqual(["Help Desk"]);
    // console@'s grant is gone: its "Read Only" stays, nobody is moved anywhere.
    expect(roles("console@fallback.example")).toEqual(["Read Only"]);
  }, 600_000);
});
