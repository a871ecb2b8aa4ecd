import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// #12.8: an exclusive set with no members would empty its group without a word. It is refused unless the author
// says `allowEmpty: true`, and a set about to remove more than half of a group is a warning in `pulumi preview`.
const apiKey = `jca_empty_${randomBytes(16).toString("hex")}`;
const all = (r: RunResult) => `${r.stdout}\n${r.stderr}`;
const TEAM = ["alice", "bob", "carol"].map((name) => `${name}@empty.example`);

const program = (body: string) => `import * as jc from "pulumi-jumpcloud-access";\n${body}\n`;
const members = (args: string) =>
  program(`new jc.UserGroupMembers("engineering", { groupName: "engineering", exclusive: true${args} });`);
const manifest = (group: string) =>
  program(`new jc.AccessPolicy("access", { manifest: { groups: { ops: ${group} } } });`);
const reason = (count: string, group: string) =>
  `an exclusive UserGroupMembers with no members would remove ${count} from user group "${group}" \\([0-9a-f]{24}\\)`;
const EXPIRED = '{ email: "dave@empty.example", expires: "2020-01-01T00:00:00Z" }';

describe("#12.8 exclusive sets that would empty or mostly empty a group, on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  const group = (name: string) => emulator.snapshot().groups.find((g) => g.name === name)?.members;
  const writes = () => emulator.requestLog().filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"));

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Empty Org",
        users: [...TEAM, "dave@empty.example"].map((email) => ({ email })),
        groups: [
          { name: "engineering", members: TEAM },
          { name: "ops", members: ["dave@empty.example"] },
        ],
      },
    });
    project = await createPulumiProject({
      name: "exclusive-empty-set",
      program: program("export {};"),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  }, 300_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  const refused = async (source: string, property: string, groupName: string, count: string) => {
    await project.writeProgram(source);
    emulator.clearRequestLog();
    const preview = await project.preview();
    expect(preview.code, all(preview)).not.toBe(0);
    // The engine prints a check failure as `property <name> value <value> has a problem: <reason>`.
    expect(all(preview)).toMatch(
      new RegExp(`property ${property} value .* has a problem: ${reason(count, groupName)}`),
    );
    expect(all(preview)).toContain("or set allowEmpty: true to empty the group on purpose");
    const up = await project.up();
    expect(up.code).not.toBe(0);
    expect(writes()).toEqual([]);
  };

  it("#12.8 an exclusive set with its member lists left out, empty, or all expired in a manifest is refused", async () => {
    await refused(members(""), "members", "engineering", "all 3 of its members");
    await refused(members(", userEmails: []"), "userEmails", "engineering", "all 3 of its members");
    await refused(members(", userIds: []"), "userIds", "engineering", "all 3 of its members");
    await refused(manifest(`{ exclusive: true, members: [${EXPIRED}] }`), "members", "ops", "its 1 member");
    expect(group("engineering")).toEqual(TEAM);
    expect(group("ops")).toEqual(["dave@empty.example"]);
  }, 600_000);

  it("#12.8 allowEmpty: true empties the group on purpose, in a resource and in a manifest", async () => {
    await project.writeProgram(
      program(`new jc.UserGroupMembers("engineering", { groupName: "engineering", exclusive: true, allowEmpty: true });
new jc.AccessPolicy("access", { manifest: { groups: { ops: { exclusive: true, allowEmpty: true, members: [${EXPIRED}] } } } });`),
    );
    const preview = await project.preview();
    expect(preview.code, all(preview)).toBe(0);
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    expect(group("engineering")).toEqual([]);
    expect(group("ops")).toEqual([]);
  }, 600_000);

  it("#12.8 preview warns, naming the group and the count, when an exclusive set will remove more than half of its members", async () => {
    await project.writeProgram(program("export {};"));
    expect((await project.up()).code).toBe(0);
    for (const email of TEAM) emulator.outOfBand.addGroupMember("engineering", email);

    // Two of three listed: one removal, no warning.
    await project.writeProgram(members(`, userEmails: ["alice@empty.example", "bob@empty.example"]`));
    const some = await project.preview();
    expect(some.code, all(some)).toBe(0);
    expect(all(some)).not.toContain("will remove");

    // One of three listed: two removals, more than half.
    await project.writeProgram(members(`, userEmails: ["alice@empty.example"]`));
    const most = await project.preview();
    expect(most.code, all(most)).toBe(0);
    expect(all(most)).toContain(
      'warning: pulumi-jumpcloud-access: the exclusive UserGroupMembers of user group "engineering" will remove 2 of its 3 current members (bob@empty.example, carol@empty.example).',
    );
    expect(group("engineering")).toEqual(TEAM);

    // An existing set whose change removes most of the group warns too (from its diff).
    await project.writeProgram(members(`, userEmails: ${JSON.stringify(TEAM)}`));
    expect((await project.up()).code).toBe(0);
    await project.writeProgram(members(`, userEmails: ["carol@empty.example"]`));
    const shrink = await project.preview();
    expect(shrink.code, all(shrink)).toBe(0);
    expect(all(shrink)).toContain(
      'the exclusive UserGroupMembers of user group "engineering" will remove 2 of its 3 current members (alice@empty.example, bob@empty.example).',
    );
  }, 600_000);
});
