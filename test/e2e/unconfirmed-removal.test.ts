import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { type HostileProxy, startHostileProxy } from "../helpers/hostile-proxy";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// #12.3: a revocation is done only when JumpCloud shows it. A proxy in front of the emulator accepts the removals
// (204 for a graph write, the unchanged admin for a PUT) without applying them: the update fails once the bounded
// wait ends, every resource stays in the state, and the next update, with the proxy passing writes through, removes.
const apiKey = `jca_drop_${randomBytes(16).toString("hex")}`;
const all = (r: RunResult) => `${r.stdout}\n${r.stderr}`;

const PROGRAM = `import * as jc from "pulumi-jumpcloud-access";
new jc.UserGroupMembership("alice", { groupName: "engineering", userEmail: "alice@drop.example" });
new jc.ApplicationAssignment("slack-erin", { applicationName: "Slack", userEmail: "erin@drop.example" });
new jc.AdminRoleGrant("help-desk", { adminEmail: "bob@drop.example", roleName: "Help Desk" });
`;

describe("#12.3 removals JumpCloud accepts but does not apply, on the real engine", () => {
  let emulator: EmulatorHandle;
  let proxy: HostileProxy;
  let project: PulumiProject;

  const granted = () => {
    const snapshot = emulator.snapshot();
    return {
      engineering: snapshot.groups.find((g) => g.name === "engineering")?.members,
      slack: snapshot.applications.find((a) => a.name === "slack")?.users,
      bob: snapshot.admins.find((a) => a.email === "bob@drop.example")?.roles,
    };
  };
  const stateIds = async () =>
    ((await project.exportState()).deployment.resources as { type: string; id: string }[])
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/jumpcloud:"))
      .map((r) => r.type.split(":").pop())
      .sort();

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "Drop Org",
        users: ["alice", "bob", "erin"].map((name) => ({ email: `${name}@drop.example` })),
        groups: [{ name: "engineering", members: ["bob@drop.example"] }],
        applications: [{ name: "slack", label: "Slack" }],
        admins: [{ email: "bob@drop.example", roles: ["Read Only", "Manager"] }],
      },
    });
    proxy = await startHostileProxy(emulator.url);
    project = await createPulumiProject({
      name: "unconfirmed-removal",
      program: PROGRAM,
      config: { "jumpcloud:apiUrl": { value: proxy.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  }, 300_000);
  afterAll(async () => {
    await project?.cleanup();
    await proxy?.stop();
    await emulator?.stop();
  });

  it("#12.3 deletes of a UserGroupMembership, an ApplicationAssignment and an AdminRoleGrant fail while JumpCloud shows the grants, and the next up removes them", async () => {
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    const before = granted();
    expect(before).toEqual({
      engineering: ["alice@drop.example", "bob@drop.example"],
      slack: ["erin@drop.example"],
      bob: ["Help Desk", "Manager", "Read Only"],
    });
    const resources = await stateIds();
    expect(resources).toEqual(["AdminRoleGrant", "ApplicationAssignment", "UserGroupMembership"]);

    proxy.setMode({ dropWrites: true });
    await project.writeProgram("export {};\n");
    const dropped = await project.up();
    expect(dropped.code).not.toBe(0);
    const output = all(dropped);
    expect(output).toContain(
      'JumpCloud accepted the removal of alice@drop.example in user group "engineering" but still shows it after 30 s, so it is not reported as done.',
    );
    expect(output).toContain(
      'JumpCloud accepted the removal of application "Slack" assigned to user "erin@drop.example" but still shows it after 30 s, so it is not reported as done.',
    );
    expect(output).toMatch(
      /JumpCloud answered the change of administrator bob@drop\.example's roles with roles [0-9a-f, ]+, not the requested [0-9a-f, ]+, so the change is not reported as done\./,
    );
    expect(proxy.droppedWrites()).toBe(3);
    expect(await stateIds()).toEqual(resources);
    expect(granted()).toEqual(before);

    proxy.setMode({});
    const retried = await project.up();
    expect(retried.code, all(retried)).toBe(0);
    expect(retried.stdout).toMatch(/- 3 deleted/);
    expect(await stateIds()).toEqual([]);
    expect(granted()).toEqual({ engineering: ["bob@drop.example"], slack: [], bob: ["Manager", "Read Only"] });
  }, 600_000);
});
