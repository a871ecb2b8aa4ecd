import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { type PulumiProject, type RunResult, spawnCollected } from "../helpers/pulumi";
import { exampleProject, expectOk } from "./example-project";

/** Runs the example's gate script the way CI would: in the program's directory, with the stack's environment. */
function gate(project: PulumiProject): Promise<RunResult> {
  return spawnCollected(join(project.dir, "drift-gate.sh"), [project.stack], { cwd: project.dir, env: project.env })
    .result;
}

describe("example: drift-gate", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let stopped = false;

  beforeAll(async () => {
    emulator = await startEmulator({ org: "emulator/orgs/demo.yaml" });
    project = await exampleProject("drift-gate", emulator);
    expectOk(await project.up(), "pulumi up");
  });
  afterAll(async () => {
    await project?.cleanup();
    if (!stopped) await emulator?.stop();
  });

  it("passes when JumpCloud matches the stack", { timeout: 300_000 }, async () => {
    const result = await gate(project);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("drift-gate: no drift: JumpCloud matches the stack.");
  });

  it("fails, naming what drifted, when someone changes access in the console", { timeout: 300_000 }, async () => {
    emulator.outOfBand.removeGroupMember("finance", "heidi@acme.example");
    emulator.outOfBand.addGroupMember("platform-oncall", "erin@acme.example");
    const before = emulator.snapshot();
    const result = await gate(project);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
    expect(result.stdout).toContain("acme/members:finance");
    expect(result.stdout).toContain("acme/members:platform-oncall");
    expect(result.stderr).toContain("drift-gate: DRIFT: access in JumpCloud differs from the stack (changes above).");
    // The gate only reads: JumpCloud and the stack are left as they were.
    expect(emulator.snapshot()).toEqual(before);
    expect(await gate(project)).toMatchObject({ code: 1 });
  });

  it("reports a broken check apart from drift", { timeout: 300_000 }, async () => {
    // JumpCloud unreachable: the gate must not mistake a failed read for "no drift" or for drift.
    await emulator.stop();
    stopped = true;
    const result = await gate(project);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(2);
    expect(result.stderr).toContain("drift-gate: the check could not run");
  });
});
