import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import type { PulumiProject } from "../helpers/pulumi";
import { exampleProject, expectOk } from "./example-project";

describe("example: typescript-edges", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({ org: "emulator/orgs/demo.yaml" });
    project = await exampleProject("typescript-edges", emulator);
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("applies its edges, then has nothing to do, and destroys them", { timeout: 300_000 }, async () => {
    emulator.outOfBand.addGroupMember("platform-oncall", "erin@acme.example");
    expectOk(await project.up(), "pulumi up");

    const group = (name: string) => emulator.snapshot().groups.find((g) => g.name === name)?.members;
    expect(group("platform-oncall")).toEqual(["carol@acme.example", "dave@acme.example", "judy@acme.example"]);
    expect(group("finance")).toEqual(["grace@acme.example", "heidi@acme.example"]);
    const pagerduty = emulator.snapshot().applications.find((a) => a.name === "pagerduty");
    expect(pagerduty?.groups).toEqual(["platform-oncall"]);
    const outputs = await project.outputs();
    expect(outputs.managedEdgeIds).toHaveLength(8);
    expect(outputs.adopted).toEqual({ pagerduty: true, helpDesk: true });

    expectOk(await project.preview(["--expect-no-changes"]), "pulumi preview --expect-no-changes");

    expectOk(await project.destroy(), "pulumi destroy");
    expect(group("platform-oncall")).toEqual([]);
    expect(group("finance")).toEqual([]);
    expect(emulator.snapshot().applications.find((a) => a.name === "salesforce")?.users).toEqual([]);
    expect(emulator.snapshot().admins.find((a) => a.email === "bob@acme.example")?.roles).toEqual(["Read Only"]);
  });
});
