import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import type { PulumiProject } from "../helpers/pulumi";
import { exampleProject, expectOk } from "./example-project";

// The same policy as the example's access.yaml, reordered and reformatted: keys, entries and styles moved around.
const reordered = `admins: {"bob@acme.example": {revokeTo: Read Only, roles: [Help Desk]}}
applications:
  aws-console:
    users: [{ticket: INC-2291, reason: investigating the billing alarm, expires: "2026-12-15T18:00:00Z", email: Judy@Acme.example}]
    groups: [platform-oncall]
  github: {groups: [engineering]}
groups:
  contractors: {members: [ivan@acme.example], exclusive: true}
  engineering:
    members: [judy@acme.example, dave@acme.example, carol@acme.example, alice@acme.example]
`;

describe("example: yaml-policy", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const awsUsers = () => emulator.snapshot().applications.find((a) => a.name === "aws-console")?.users;

  beforeAll(async () => {
    emulator = await startEmulator({ org: "emulator/orgs/demo.yaml" });
    // Expiries are evaluated as of an instant given in configuration, so the test does not depend on the clock.
    project = await exampleProject("yaml-policy", emulator, { "access:asOf": { value: "2026-12-10T00:00:00Z" } });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("applies the manifest with its just-in-time grant and lists it as expiring soon", {
    timeout: 300_000,
  }, async () => {
    const up = expectOk(await project.up(), "pulumi up");
    expect(up.stdout).toContain(
      "access.yaml applications.aws-console.users[0]: assignment:aws-console:user:judy@acme.example expires in 5 days (2026-12-15T18:00:00.000Z) [investigating the billing alarm, INC-2291].",
    );
    expect(awsUsers()).toEqual(["alice@acme.example", "judy@acme.example"]);
    const outputs = await project.outputs();
    expect(outputs.counts).toEqual({
      groupMemberships: 5,
      applicationAssignments: 3,
      adminRoles: 1,
      expired: 0,
      expiringSoon: 1,
    });
    expect(outputs.expiringSoon).toEqual([
      {
        key: "assignment:aws-console:user:judy@acme.example",
        expires: "2026-12-15T18:00:00.000Z",
        daysLeft: 5,
        path: "applications.aws-console.users[0]",
        reason: "investigating the billing alarm",
        ticket: "INC-2291",
      },
    ]);
  });

  it("changes nothing when the manifest is reordered and reformatted", { timeout: 300_000 }, async () => {
    await writeFile(join(project.dir, "access.yaml"), reordered);
    expectOk(await project.preview(["--expect-no-changes"]), "pulumi preview --expect-no-changes");
  });

  it("revokes the just-in-time grant on the first update after it expires", { timeout: 300_000 }, async () => {
    await project.setConfig("access:asOf", "2026-12-16T00:00:00Z");
    // The position is in the reordered file the previous step left in place.
    const up = expectOk(await project.up(), "pulumi up");
    expect(up.stdout).toMatch(/acme\/assignments:aws-console +updated/);
    expect(up.stdout).toContain(
      "access.yaml:4:13 applications.aws-console.users[0]: expired at 2026-12-15T18:00:00.000Z: the grant is left out and the next update revokes it. Remove the entry.",
    );
    expect(awsUsers()).toEqual(["alice@acme.example"]);
    const outputs = await project.outputs();
    expect(outputs.expired).toEqual(["assignment:aws-console:user:judy@acme.example"]);
    expectOk(await project.preview(["--expect-no-changes"]), "pulumi preview --expect-no-changes");
  });
});
