import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// One application's assignments as one ApplicationAssignments on the real engine: it assigns what is missing and
// adopts what is there, a second run has nothing to do, the reviewer's diff names the user removed and the group
// added (keyed maps, never a re-indexed list), JumpCloud changes by exactly those two, and destroy unassigns what
// the stack owns and nothing else.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;
const ASSOCIATIONS = "POST /api/v2/applications/{id}/associations";
const QUIET = ["--non-interactive", "--color", "never"];

const program = (groups: Record<string, object>, users: Record<string, object>) => `
import * as jc from "pulumi-jumpcloud-access";

const wiki = new jc.ApplicationAssignments("wiki", {
  applicationName: "Wiki",
  groups: ${JSON.stringify(groups)},
  users: ${JSON.stringify(users)},
});
export const grantIds = wiki.grantIds;
export const adopted = wiki.adopted;
`;

describe("ApplicationAssignments on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  const ok = async (step: Promise<RunResult>): Promise<RunResult> => {
    const result = await step;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const wiki = () => {
    const app = emulator.snapshot().applications.find((a) => a.name === "wiki");
    return { groups: [...(app?.groups ?? [])].sort(), users: [...(app?.users ?? [])].sort() };
  };
  const writes = () => emulator.requestLog().filter((r) => r.route === ASSOCIATIONS).length;

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Apps Org",
        users: [{ email: "alice@apps.example" }, { email: "bob@apps.example" }, { email: "carol@apps.example" }],
        groups: [{ name: "eng" }, { name: "ops" }, { name: "design" }],
        // "design" is assigned outside the program: a non-exclusive set never touches it.
        applications: [{ name: "wiki", label: "Wiki", groups: ["eng", "design"], users: ["bob@apps.example"] }],
      },
    });
    project = await createPulumiProject({
      name: "application-assignments",
      program: program({ eng: {} }, { "alice@apps.example": {}, "bob@apps.example": { ticket: "OPS-7" } }),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("creates the set, changes exactly what the program changed, and destroy unassigns only what it owns", async () => {
    // Create: "eng" and bob are adopted, alice is assigned with one write.
    emulator.clearRequestLog();
    await ok(project.up());
    expect(wiki()).toEqual({ groups: ["design", "eng"], users: ["alice@apps.example", "bob@apps.example"] });
    expect(writes()).toBe(1);
    const outputs = await project.outputs();
    expect(outputs.adopted).toBe(false);
    expect(outputs.grantIds).toHaveLength(3);
    await ok(project.up(["--expect-no-changes"]));
    expect(writes()).toBe(1);

    // Drop bob, add "ops": the reviewer's diff names both, and JumpCloud changes by exactly those two.
    await project.writeProgram(program({ eng: {}, ops: {} }, { "alice@apps.example": {} }));
    const diff = await ok(project.preview(["--diff"]));
    expect(diff.stdout).toMatch(/\+ ops\s*: \{\}/);
    expect(diff.stdout).toMatch(/- bob@apps\.example\s*: \{/);
    expect(diff.stdout).not.toMatch(/[+-] (eng|alice@apps\.example)\b/);
    await ok(project.up());
    expect(wiki()).toEqual({ groups: ["design", "eng", "ops"], users: ["alice@apps.example"] });
    expect(writes()).toBe(3);
    await ok(project.run(["preview", "--expect-no-changes", "--refresh", ...QUIET]));

    // Destroy unassigns what the stack owns; "design" was never listed and stays.
    await ok(project.destroy());
    expect(wiki()).toEqual({ groups: ["design"], users: [] });
    expect(writes()).toBe(6);
  }, 600_000);
});
