import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// Switching a group's `exclusive` flag in an access manifest updates the group's one member set in place: turning it
// on removes only the member nothing declares, turning it off removes nobody, and the group is right after each
// `pulumi up`, without a refresh.
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
    // The stack, the policy and the group's one set.
    expect(first.stdout).toMatch(/\+ 3 created/);
    expect(engineering()).toEqual(TEAM);
    expect(memberWrites()).toHaveLength(1);
    emulator.outOfBand.addGroupMember("engineering", "dave@flip.example");

    // Exclusive: the same set, updated. The only member write is the removal of dave, whom nothing declares.
    await project.writeProgram(program(true));
    const exclusive = await up();
    expect(exclusive.stdout).toMatch(/~ 1 updated/);
    expect(exclusive.stdout).not.toMatch(/created|deleted/);
    expect(engineering()).toEqual(TEAM);
    expect(memberWrites()).toHaveLength(1);

    // Back to non-exclusive: an update that writes nothing and removes nobody.
    emulator.outOfBand.addGroupMember("engineering", "dave@flip.example");
    await project.writeProgram(program(false));
    const shared = await up();
    expect(shared.stdout).toMatch(/~ 1 updated/);
    expect(engineering()).toEqual([...TEAM, "dave@flip.example"]);
    expect(memberWrites()).toEqual([]);
  }, 600_000);
});
