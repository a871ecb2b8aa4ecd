import { afterEach, describe, expect, it } from "vitest";
import type { AccessApi } from "../../../provider/resources/access-api";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import { createResourceContext } from "../../../provider/resources/context";
import type { Props, ResourceKind } from "../../../provider/resources/resource-kind";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { userGroupMembershipKind } from "../../../provider/resources/user-group-membership";
import { type ResourceSetup, startResources } from "./fixtures";

// #12.3: JumpCloud's answer to a write is not enough to report it done. These answers lie the way a proxy, a
// retried write or a misbehaving API can; the real engine runs are in test/e2e/unconfirmed-removal.test.ts.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The next engine run, over the same emulator, with some of the API's answers replaced. */
function runWith(setup: ResourceSetup, answers: (real: AccessApi) => Partial<AccessApi>) {
  const previous = setup.ctx;
  setup.ctx = createResourceContext({
    apiFor: (orgId) => {
      const real = previous.api(orgId);
      return { ...real, ...answers(real) };
    },
    visibilityIntervalMs: 5,
    visibilityTimeoutMs: 300,
    notify: (message) => setup.notices.push(message),
  });
}

async function create(kind: ResourceKind, inputs: Props) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

const roleIds = (setup: ResourceSetup, names: string[]) => {
  const graph = setup.ctx.loadedGraph(undefined)?.graph;
  return names.map((name) => graph?.roles.find((r) => r.name === name)?.id ?? name);
};
const adminRoles = (setup: ResourceSetup, email: string) =>
  setup.emulator.snapshot().admins.find((a) => a.email === email)?.roles;

describe("#12.3 admin role writes are confirmed by JumpCloud's answer", () => {
  it("#12.3 an admin grant fails when the PUT answer's roles differ from the requested ones", async () => {
    const setup = await startResources({}, cleanups);
    const role = adminRoleGrantKind(() => setup.ctx);
    await setup.ctx.graph(undefined);
    const [administrator = ""] = roleIds(setup, ["Administrator"]);
    // JumpCloud applies the grant but answers with one role more than asked.
    runWith(setup, (real) => ({
      setAdminRoles: async (id, roles) => [...(await real.setAdminRoles(id, roles)), administrator],
    }));
    await expect(create(role, { adminEmail: "it-admin@acme.example", roleName: "Help Desk" })).rejects.toThrow(
      /JumpCloud answered the change of administrator it-admin@acme\.example's roles with roles [0-9a-f, ]+, not the requested [0-9a-f, ]+, so the change is not reported as done\./,
    );
  });

  it("#12.3 revokeTo fails when the PUT answer's roles differ from the requested ones", async () => {
    const setup = await startResources({}, cleanups);
    const role = adminRoleGrantKind(() => setup.ctx);
    const grant = await create(role, { adminEmail: "it-admin@acme.example", roleName: "Manager" });
    const [administrator = ""] = roleIds(setup, ["Administrator"]);
    // Revoking the only role moves the admin to "Read Only"; the answer shows "Administrator" kept as well.
    runWith(setup, (real) => ({
      setAdminRoles: async (id, roles) => [...(await real.setAdminRoles(id, roles)), administrator],
    }));
    await expect(role.delete!(grant.id, grant.outs ?? {})).rejects.toThrow(
      /JumpCloud answered the change of administrator it-admin@acme\.example's roles with roles [0-9a-f, ]+, not the requested [0-9a-f]{24}, so the change is not reported as done\./,
    );
  });

  it("#12.3 a revocation whose PUT answer shows the roles unchanged fails", async () => {
    const setup = await startResources({}, cleanups);
    const role = adminRoleGrantKind(() => setup.ctx);
    const grant = await create(role, { adminEmail: "bob@acme.example", roleName: "Manager" });
    expect(adminRoles(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
    // A PUT accepted and not applied: the answer is the admin as it was.
    runWith(setup, (real) => ({ setAdminRoles: (id) => real.adminRoleIds(id) }));
    await expect(role.delete!(grant.id, grant.outs ?? {})).rejects.toThrow(/so the change is not reported as done/);
    expect(adminRoles(setup, "bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
  });
});

describe("#12.3 removals are confirmed by a listing", () => {
  it("#12.3 a removal answered 'absent' (the answer to a retried removal) fails while the listing still shows the member", async () => {
    const setup = await startResources({}, cleanups);
    const membership = userGroupMembershipKind(() => setup.ctx);
    const grant = await create(membership, { groupName: "sales", userEmail: "dave@acme.example" });
    runWith(setup, () => ({ removeGroupMember: async () => "absent" as const }));
    await expect(membership.delete!(grant.id, grant.outs ?? {})).rejects.toThrow(
      'JumpCloud accepted the removal of dave@acme.example in user group "sales" but still shows it after 0.3 s, so it is not reported as done.',
    );
    expect(setup.emulator.snapshot().groups.find((g) => g.name === "sales")?.members).toContain("dave@acme.example");
  });

  it("#12.3 a member set's removal accepted but not applied fails the update, naming the member", async () => {
    const setup = await startResources({}, cleanups);
    const members = userGroupMembersKind(() => setup.ctx);
    const set = await create(members, {
      groupName: "engineering",
      userEmails: ["alice@acme.example", "bob@acme.example"],
    });
    runWith(setup, () => ({ removeGroupMember: async () => "removed" as const }));
    const news = { groupName: "engineering", userEmails: ["alice@acme.example"] };
    await expect(members.update!(set.id, set.outs ?? {}, news)).rejects.toThrow(
      /1 of 1 member changes to user group "engineering" failed: bob@acme\.example: JumpCloud accepted the removal of bob@acme\.example in user group "engineering" but still shows it after 0\.3 s/,
    );
  });
});
