import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import type { PulumiProject } from "../helpers/pulumi";
import { examplesDir, exampleProject, expectOk } from "./example-project";

const ACME = "6a1c00000000000000000a01";
const GLOBEX = "6a1c00000000000000000b02";

describe("example: msp-multi-org", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({ org: join(examplesDir, "msp-multi-org", "orgs.yaml") });
    project = await exampleProject("msp-multi-org", emulator, {
      "msp:acmeOrgId": { value: ACME },
      "msp:globexOrgId": { value: GLOBEX },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("applies each organization's policy to that organization only", { timeout: 300_000 }, async () => {
    expect(emulator.orgIds).toEqual([ACME, GLOBEX]);
    emulator.clearRequestLog();
    expectOk(await project.up(), "pulumi up");

    const group = (org: string, name: string) => emulator.snapshot(org).groups.find((g) => g.name === name)?.members;
    const app = (org: string, name: string) => emulator.snapshot(org).applications.find((a) => a.name === name);
    expect(group(ACME, "engineering")).toEqual(["alice@acme.example", "carol@acme.example"]);
    expect(app(ACME, "github")?.groups).toEqual(["engineering"]);
    expect(group(GLOBEX, "engineering")).toEqual(["hank@globex.example"]);
    expect(app(GLOBEX, "slack")?.groups).toEqual(["engineering", "finance"]);

    // Every API call named its organization: an MSP key without x-org-id would act on no org, or the wrong one.
    const log = emulator
      .requestLog()
      .filter((entry) => entry.path.startsWith("/api/") && entry.path !== "/api/organizations");
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((entry) => entry.orgId))).toEqual(new Set([ACME, GLOBEX]));

    const outputs = await project.outputs();
    expect(outputs.counts).toEqual({
      acme: { groupMemberships: 2, applicationAssignments: 1, adminRoles: 0, expired: 0, expiringSoon: 0 },
      globex: { groupMemberships: 1, applicationAssignments: 2, adminRoles: 0, expired: 0, expiringSoon: 0 },
    });
    expectOk(await project.preview(["--expect-no-changes"]), "pulumi preview --expect-no-changes");
  });
});
