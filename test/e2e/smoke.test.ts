import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPulumiProject, type PulumiProject, repoRoot } from "../helpers/pulumi";

// The toolchain end to end: the real CLI and language host run a TypeScript program with a dynamic resource that
// calls no API (the harness's Noop; the package's own kinds are run end to end by the other tests in this folder).
const program = `
import { Noop } from ${JSON.stringify(join(repoRoot, "harness", "noop"))};

const greeting = new Noop("greeting", { value: "hello, access" });
export const value = greeting.value;
export const length = greeting.length;
`;

describe("Pulumi toolchain smoke test", () => {
  let project: PulumiProject;

  beforeAll(async () => {
    project = await createPulumiProject({ name: "smoke", program });
  });
  afterAll(async () => {
    await project?.cleanup();
  });

  it("runs up, up again, refresh, stack output and destroy on the real engine", { timeout: 600_000 }, async () => {
    const version = await project.run(["version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^v3\.\d+\.\d+/);

    const first = await project.up();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\+ +pulumi-nodejs:dynamic\/jumpcloud:Noop +greeting +created/);

    const second = await project.up(["--expect-no-changes"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/2 unchanged/);

    const refresh = await project.refresh();
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
    const gate = await project.refresh(["--preview-only", "--expect-no-changes"]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);

    expect(await project.outputs()).toEqual({ value: "hello, access", length: 13 });

    const state = await project.exportState();
    const resources = state.deployment.resources as { type: string; id?: string; outputs?: Record<string, unknown> }[];
    const noop = resources.find((r) => r.type === "pulumi-nodejs:dynamic/jumpcloud:Noop");
    expect(noop?.outputs?.value).toBe("hello, access");
    const serialized = String(noop?.outputs?.__provider);
    // The provider travels in state as code (the package's kinds keep theirs to a kind name: test/resources/sdk.test.ts).
    expect(serialized).toContain("createHash");
    expect(serialized.length).toBeLessThan(4096);

    const destroy = await project.destroy();
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    const after = await project.exportState();
    const left = (after.deployment.resources ?? []) as { type: string }[];
    expect(left.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))).toEqual([]);
  });
});
