import { afterEach, describe, expect, it } from "vitest";
import type { Props, ResourceKind } from "../../../provider/resources/resource-kind";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { userGroupMembershipKind } from "../../../provider/resources/user-group-membership";
import { nextEngineRun, startResources } from "./fixtures";

// #12.1: "no orgId" is the configured organization (here the only one the key reaches), so everything keyed by
// organization is shared between a resource that leaves orgId out and one that names the organization.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function create(kind: ResourceKind, inputs: Props) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

describe("#12.1 one organization, one key", () => {
  it("#12.1 no orgId and the organization's id share one key, one client, one sync and one graph", async () => {
    const setup = await startResources({}, cleanups);
    const orgId = setup.emulator.orgIds[0] ?? "";
    const { ctx } = setup;
    expect(await ctx.org(undefined)).toBe(orgId.toLowerCase());
    expect(await ctx.org(orgId.toUpperCase())).toBe(orgId.toLowerCase());
    const [implicit, explicit] = await Promise.all([ctx.graph(undefined), ctx.graph(orgId.toUpperCase())]);
    expect(explicit).toBe(implicit);
    expect(implicit.org).toBe(orgId.toLowerCase());
    expect(ctx.api(orgId)).toBe(ctx.api(undefined));
    expect(ctx.syncs.started).toBe(1);
    expect(ctx.loadedGraph(orgId)).toBe(implicit);
  });

  it("#12.1 a membership without orgId and a member set naming the organization: the delete keeps the declared member, and a diff adding the orgId is no change", async () => {
    const setup = await startResources({}, cleanups);
    const orgId = setup.emulator.orgIds[0] ?? "";
    const membership = userGroupMembershipKind(() => setup.ctx);
    const members = userGroupMembersKind(() => setup.ctx);
    const grant = await create(membership, { groupName: "sales", userEmail: "dave@acme.example" });
    const inputs = { groupName: "sales", userEmail: "dave@acme.example" };
    expect(await membership.diff!(grant.id, grant.outs ?? {}, { ...inputs, orgId })).toEqual({ changes: false });

    nextEngineRun(setup);
    await create(members, { groupName: "sales", userEmails: ["dave@acme.example"], orgId });
    await membership.delete!(grant.id, grant.outs ?? {});
    expect(setup.emulator.snapshot().groups.find((g) => g.name === "sales")?.members).toContain("dave@acme.example");
    expect(setup.notices.join("\n")).toContain('kept dave@acme.example in user group "sales"');
  });

  it("#12.1 an exclusive set naming the organization and a membership without orgId on one group fail check", async () => {
    const setup = await startResources({}, cleanups);
    const orgId = setup.emulator.orgIds[0] ?? "";
    const membership = userGroupMembershipKind(() => setup.ctx);
    const members = userGroupMembersKind(() => setup.ctx);
    const set = await members.check!(
      {},
      { groupName: "sales", userEmails: ["carol@acme.example"], exclusive: true, orgId },
    );
    expect(set.failures).toEqual([]);
    const member = await membership.check!({}, { groupName: "sales", userEmail: "dave@acme.example" });
    expect(member.failures?.map((f) => f.reason)).toEqual([
      expect.stringContaining(
        "is managed both by UserGroupMembers (exclusive) and by UserGroupMembership in this program",
      ),
    ]);
  });
});
