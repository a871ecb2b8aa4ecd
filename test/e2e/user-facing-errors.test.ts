import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject } from "../helpers/pulumi";
import { e2eOrg, writes } from "../provider/resources/e2e-fixtures";

// What `pulumi up` and `pulumi preview` print, on the real engine, when the access manifest is wrong or names an
// address a reviewer could mistake for another.
const apiKey = `jca_user_errors_${randomBytes(16).toString("hex")}`;
const KELVIN = "\u212A";
const lookAlike = `${KELVIN}ate@e2e.example`;

const all = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;
const program = `import * as jc from "pulumi-jumpcloud-access";
new jc.AccessPolicy("acme", { manifest: "access.yaml" });
`;

describe("user-facing errors and warnings on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  beforeAll(async () => {
    const org = e2eOrg(4, 1, 1, 1);
    org.users = [...(org.users ?? []), { email: lookAlike }];
    emulator = await startEmulator({ apiKey, org });
    project = await createPulumiProject({
      name: "user-facing-errors",
      program,
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("#12.15 errors shown to the user: a manifest error reads like the program's own error, with no stack or dump", async () => {
    await writeFile(
      join(project.dir, "access.yaml"),
      [
        "groups:",
        "  team-0:",
        "    members:",
        "      - user000@e2e",
        "      - email: user001@e2e.example",
        "        expires: 2026-02-30T00:00:00Z",
        "",
      ].join("\n"),
    );
    const up = await project.up();
    expect(up.code).not.toBe(0);
    const output = all(up);
    // The whole diagnostic, pinned: the message alone, as Pulumi prints a program's own error.
    const diagnostics = output.slice(output.indexOf("Diagnostics:"), output.indexOf("Resources:")).trimEnd();
    expect(diagnostics).toBe(
      [
        "Diagnostics:",
        "  pulumi:pulumi:Stack (user-facing-errors-test):",
        "    error: access.yaml has 2 errors:",
        '      access.yaml:4:9 groups.team-0.members[0]: "user000@e2e" is not a valid email address. Write the full address, e.g. alice@example.com.',
        '      access.yaml:6:18 groups.team-0.members[1].expires: "2026-02-30T00:00:00Z" is not a real date and time (February 2026 has 28 days). Write an existing instant, e.g. 2026-12-31T18:00:00Z.',
        "    Fix them and run again; nothing was changed in JumpCloud.",
      ].join("\n"),
    );
    for (const noise of [
      "unhandled exception",
      "    at ",
      "JumpCloudError",
      "code: 'invalid_input'",
      "hint:",
      "[Error",
      "RunError",
    ]) {
      expect(output).not.toContain(noise);
    }
    expect(writes(emulator)).toEqual([]);
  }, 300_000);

  it("#12.7 look-alike emails: preview warns about non-ASCII addresses in the manifest and in resource inputs", async () => {
    await writeFile(join(project.dir, "access.yaml"), `groups:\n  team-0:\n    members: [${lookAlike}]\n`);
    await project.writeProgram(
      `${program}new jc.UserGroupMembership("direct", { groupName: "set-owned", userEmail: "${lookAlike}" });\n`,
    );
    const preview = await project.preview();
    const output = all(preview);
    expect(preview.code, output).toBe(0);
    const warning = `"${lookAlike}" contains non-ASCII characters (U+212A): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`;
    expect(output).toContain(`warning: access.yaml:3:15 groups.team-0.members[0]: ${warning}`);
    expect(output).toContain(`warning: userEmail: ${warning}`);

    // The address is matched exactly: the membership goes to the look-alike account the code names, and to no other.
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    const resources = (await project.exportState()).deployment.resources as {
      urn: string;
      outputs: Record<string, unknown>;
    }[];
    const direct = resources.find((r) => r.urn.endsWith("::direct"));
    expect(direct?.outputs.userEmail).toBe(lookAlike);
    expect(writes(emulator)).toHaveLength(2);
  }, 300_000);
});
