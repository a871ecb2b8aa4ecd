import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// Issue 14.1: several non-exclusive sets may own different members of one group or application (two teams' files
// touching one group), and a member two of them list stays until neither does, whatever order the engine reaches
// them in. `dependsOn` forces each order: the set that drops the member is updated before, or after, the set that
// still lists it is checked.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;
const ALICE = "alice@shared.example";
const BOB = "bob@shared.example";
const CAROL = "carol@shared.example";

interface Team {
  name: string;
  members: string[];
  apps: string[];
}

const program = (first: Team, second: Team, order: "first-then-second" | "second-then-first") => {
  const set = (team: Team, after?: string) => `
const ${team.name}Members = new jc.UserGroupMembers("${team.name}-engineering", {
  groupName: "engineering",
  members: ${JSON.stringify(Object.fromEntries(team.members.map((m) => [m, {}])))},
}${after ? `, { dependsOn: [${after}Members, ${after}Apps] }` : ""});
const ${team.name}Apps = new jc.ApplicationAssignments("${team.name}-wiki", {
  applicationName: "Wiki",
  users: ${JSON.stringify(Object.fromEntries(team.apps.map((m) => [m, {}])))},
}${after ? `, { dependsOn: [${after}Members, ${after}Apps] }` : ""});`;
  const [a, b] = order === "first-then-second" ? [first, second] : [second, first];
  return `import * as jc from "pulumi-jumpcloud-access";\n${set(a)}\n${set(b, a.name)}\n`;
};

describe("two non-exclusive sets sharing members on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const transcript: RunResult[] = [];

  const up = async (source: string): Promise<RunResult> => {
    await project.writeProgram(source);
    const result = await project.up();
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const snapshot = () => emulator.snapshot();
  const engineering = () => snapshot().groups.find((g) => g.name === "engineering")?.members;
  const wikiUsers = () => snapshot().applications.find((a) => a.label === "Wiki")?.users;

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Shared Org",
        users: [ALICE, BOB, CAROL].map((email) => ({ email })),
        groups: [{ name: "engineering" }],
        applications: [{ name: "wiki", label: "Wiki" }],
      },
    });
    project = await createPulumiProject({
      name: "shared-sets",
      program: "export {};\n",
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

  for (const order of ["first-then-second", "second-then-first"] as const) {
    it(`keeps a member one set drops while the other lists it, then removes it when neither does (${order})`, async () => {
      const platform = { name: "platform", members: [ALICE, BOB], apps: [ALICE, BOB] };
      const data = { name: "data", members: [BOB, CAROL], apps: [BOB, CAROL] };
      await up(program(platform, data, order));
      expect(engineering()).toEqual([ALICE, BOB, CAROL]);
      expect(wikiUsers()).toEqual([ALICE, BOB, CAROL]);

      // platform drops bob; data still lists him.
      await up(program({ ...platform, members: [ALICE], apps: [ALICE] }, data, order));
      expect(engineering()).toEqual([ALICE, BOB, CAROL]);
      expect(wikiUsers()).toEqual([ALICE, BOB, CAROL]);
      const settled = await project.preview(["--expect-no-changes"]);
      expect(settled.code, `${settled.stdout}\n${settled.stderr}`).toBe(0);

      // Now neither lists bob: he leaves the group and the application.
      await up(
        program({ ...platform, members: [ALICE], apps: [ALICE] }, { ...data, members: [CAROL], apps: [CAROL] }, order),
      );
      expect(engineering()).toEqual([ALICE, CAROL]);
      expect(wikiUsers()).toEqual([ALICE, CAROL]);

      // Reset for the next order: nothing declared, nobody left behind.
      await up("export {};\n");
      expect(engineering()).toEqual([]);
      expect(wikiUsers()).toEqual([]);
    }, 600_000);
  }
});
