import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSpec } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";
import { writes } from "../provider/resources/e2e-fixtures";

// Issue 14.3: a reviewer reads `pulumi preview --diff`. One member added and one removed in a 200-member group must
// read as exactly `+ <email>` and `- <email>`, never as a re-indexed list of 200, and nothing else may change.
const apiKey = `jca_diff_${randomBytes(16).toString("hex")}`;
const email = (i: number) => `user${String(i).padStart(3, "0")}@diff.example`;

const org: OrgSpec = {
  name: "Diff Org",
  users: Array.from({ length: 210 }, (_, i) => ({ email: email(i) })),
  groups: [{ name: "engineering", members: Array.from({ length: 200 }, (_, i) => email(i)) }],
  applications: [{ name: "github", label: "GitHub", groups: ["engineering"], users: [email(0)] }],
  admins: [{ email: "admin@diff.example", roles: ["Help Desk"] }],
};

const manifest = (members: string[]) => `groups:
  engineering:
    members:
${members.map((m) => `      - ${m}`).join("\n")}
applications:
  GitHub:
    groups: [engineering]
    users: [${email(0)}]
admins:
  admin@diff.example:
    roles: [Help Desk]
`;

const program = `
import { AccessPolicy } from "pulumi-jumpcloud-access";
new AccessPolicy("acme", { manifest: "access.yaml" });
`;

/** The diff's lines that name a change (+, -, ~), with the engine's URNs and stack-specific ids dropped. */
const changeLines = (stdout: string) =>
  stdout
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => /^\s*[-+~]\s/.test(line))
    .filter((line) => !/pulumi:pulumi:Stack/.test(line));

describe("pulumi preview --diff of a set", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const transcript: RunResult[] = [];
  const run = async (step: Promise<RunResult>) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey, org });
    project = await createPulumiProject({
      name: "preview-diff",
      program,
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: apiKey, secret: true },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("names exactly the member added and the member removed in a 200-member group", async () => {
    const members = Array.from({ length: 200 }, (_, i) => email(i));
    await writeFile(join(project.dir, "access.yaml"), manifest(members));
    await run(project.up());
    expect(writes(emulator)).toEqual([]);

    // user205 joins, user100 leaves; the rest of the file is unchanged.
    const next = [...members.filter((m) => m !== email(100)), email(205)];
    await writeFile(join(project.dir, "access.yaml"), manifest(next));
    const preview = await run(project.preview(["--diff"]));
    expect(changeLines(preview.stdout)).toMatchInlineSnapshot(`
      [
        "    ~ pulumi-nodejs:dynamic/jumpcloud:UserGroupMembers: (update)",
        "      ~ members  : {",
        "          - user100@diff.example: {}",
        "          + user205@diff.example: {}",
        "    ~ 1 to update",
      ]
    `);
    expect(writes(emulator)).toEqual([]);
    for (const r of transcript) expect(`${r.stdout}${r.stderr}`).not.toContain(apiKey);
  }, 600_000);
});
