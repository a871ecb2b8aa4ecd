import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// Switching a group's `exclusive` flag in an access manifest swaps its resources (one membership per member, or one
// member set): the engine creates the new ones and deletes the old ones at the end of the same update. Those deletes
// must leave the members the new resources declare, so the group is right after each `pulumi up`, without a refresh.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;
const TEAM = ["alice@flip.example", "bob@flip.example", "carol@flip.example"];
const MEMBERS_ROUTE = "POST /api/v2/usergroups/{id}/members";

const program = (exclusive: boolean) => `
import { AccessPolicy } from "pulumi-jumpcloud-access";

const policy = new AccessPolicy("access", {
  manifest: { groups: { engineering: { exclusive: ${exclusive}, members: ${JSON.stringify(TEAM)} } } },
});
export const managedEdgeIds = policy.managedEdgeIds;
`;

const kept = (users: string) =>
  `pulumi-jumpcloud-access: kept ${users} in user group "engineering": another resource in this update declares it`;

describe("switching a group's exclusive flag on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  const up = async (): Promise<RunResult> => {
    emulator.clearRequestLog();
    const result = await project.up();
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const engineering = () => emulator.snapshot().groups.find((g) => g.name === "engineering")?.members;
  const memberWrites = () => emulator.requestLog().filter((r) => r.route === MEMBERS_ROUTE);

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Flip Org",
        users: [...TEAM, "dave@flip.example"].map((email) => ({ email })),
        groups: [{ name: "engineering", members: ["alice@flip.example", "bob@flip.example"] }],
      },
    });
    project = await createPulumiProject({
      name: "exclusive-flip",
      program: program(false),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("keeps every declared member through the switch to an exclusive set and back", async () => {
    const first = await up();
    expect(first.stdout).toMatch(/\+ 5 created/);
    expect(engineering()).toEqual(TEAM);
    expect(memberWrites()).toHaveLength(1);
    emulator.outOfBand.addGroupMember("engineering", "dave@flip.example");

    // Exclusive: one set replaces the three memberships. The only member write is the removal of dave, whom
    // nothing declares (he is gone and it is the one write); the memberships' deletes keep their members.
    await project.writeProgram(program(true));
    const exclusive = await up();
    expect(exclusive.stdout).toMatch(/\+ 1 created/);
    expect(exclusive.stdout).toMatch(/- 3 deleted/);
    expect(engineering()).toEqual(TEAM);
    expect(memberWrites()).toHaveLength(1);
    const exclusiveOutput = exclusive.stdout + exclusive.stderr;
    for (const email of TEAM) expect(exclusiveOutput).toContain(kept(email));

    // Back to one membership per member: they adopt the members, and the set's delete removes none of them.
    await project.writeProgram(program(false));
    const perMember = await up();
    expect(perMember.stdout).toMatch(/\+ 3 created/);
    expect(perMember.stdout).toMatch(/- 1 deleted/);
    expect(engineering()).toEqual(TEAM);
    expect(memberWrites()).toEqual([]);
    expect(perMember.stdout + perMember.stderr).toContain(kept(TEAM.join(", ")));
  }, 600_000);
});
