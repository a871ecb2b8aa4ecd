import { afterEach, describe, expect, it } from "vitest";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { mutatingRequests, nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// UserGroupMembers keyed by email (`members`), called as the engine calls it, against the emulator over real HTTP.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const NOW = Date.parse("2026-06-01T12:00:00Z");
const kindOf = (setup: ResourceSetup, now = () => NOW) => userGroupMembersKind(() => setup.ctx, now);
const membersOf = (setup: ResourceSetup, group: string) =>
  setup.emulator.snapshot().groups.find((g) => g.name === group)?.members;

describe("UserGroupMembers members map", () => {
  it("grants the keyed members, adds and removes exactly the changed keys, and leaves others alone", async () => {
    const setup = await startResources({}, cleanups);
    const kind = kindOf(setup);
    const inputs = {
      groupName: "sales",
      members: { "DAVE@acme.example": { ticket: "OPS-1" }, "erin@acme.example": {} },
    };
    const checked = await kind.check!({}, inputs);
    expect(checked.failures ?? []).toEqual([]);
    const created = await kind.create(checked.inputs ?? inputs);
    expect(membersOf(setup, "sales")).toEqual(["carol@acme.example", "dave@acme.example", "erin@acme.example"]);

    nextEngineRun(setup);
    const news = {
      groupName: "sales",
      members: { "dave@acme.example": {}, "bob@acme.example": { reason: "on call" } },
    };
    expect(await kind.diff!(created.id, created.outs ?? {}, news)).toEqual({ changes: true });
    await kind.update!(created.id, created.outs ?? {}, news);
    // erin left the map and is removed; carol was never listed and stays.
    expect(membersOf(setup, "sales")).toEqual(["bob@acme.example", "carol@acme.example", "dave@acme.example"]);
  });

  it("does not grant an entry whose expires has passed, and revokes it when the set granted it", async () => {
    const setup = await startResources({}, cleanups);
    const inputs = { groupName: "sales", members: { "erin@acme.example": { expires: "2026-06-02T00:00:00Z" } } };
    const created = await kindOf(setup).create(inputs);
    expect(membersOf(setup, "sales")).toContain("erin@acme.example");

    nextEngineRun(setup);
    const later = kindOf(setup, () => Date.parse("2026-06-03T00:00:00Z"));
    expect(await later.diff!(created.id, created.outs ?? {}, inputs)).toEqual({ changes: true });
    await later.update!(created.id, created.outs ?? {}, inputs);
    expect(membersOf(setup, "sales")).not.toContain("erin@acme.example");
  });

  it("refuses, before any write, a key that is not an email, an unknown email, and two keys for one user", async () => {
    const setup = await startResources({}, cleanups);
    const kind = kindOf(setup);
    const malformed = await kind.check!({}, { groupName: "sales", members: { "not an email": {} } });
    expect(malformed.failures?.map((f) => f.reason).join("\n")).toMatch(
      /the key "not an email" is not an email address \(e\.g\. alice@example\.com\) or a JumpCloud user id/,
    );

    const bad = await kind.check!(
      {},
      { groupName: "sales", members: { "nobody@acme.example": {}, "dave@acme.example": {}, "Dave@Acme.example": {} } },
    );
    const reasons = (bad.failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("\n");
    expect(reasons).toMatch(/members\.nobody@acme\.example: no user with the email "nobody@acme\.example"/);
    expect(reasons).toMatch(/names the same user as members\.dave@acme\.example/);
    expect(mutatingRequests(setup.emulator)).toEqual([]);
  });

  it("refuses an exclusive set whose every entry has expired, unless allowEmpty", async () => {
    const setup = await startResources({}, cleanups);
    const kind = kindOf(setup);
    const expired = { "bob@acme.example": { expires: "2026-01-01T00:00:00Z" } };
    const checked = await kind.check!({}, { groupName: "engineering", members: expired, exclusive: true });
    expect(checked.failures?.map((f) => `${f.property}: ${f.reason}`).join("\n")).toMatch(/^members: /);
    expect(mutatingRequests(setup.emulator)).toEqual([]);
  });

  it("diff sees a listed member removed in JumpCloud without a refresh, and the update puts the member back", async () => {
    const setup = await startResources({}, cleanups);
    const inputs = { groupName: "sales", members: { "erin@acme.example": {} } };
    const created = await kindOf(setup).create(inputs);
    setup.emulator.outOfBand.removeGroupMember("sales", "erin@acme.example");

    nextEngineRun(setup);
    const kind = kindOf(setup);
    expect(await kind.diff!(created.id, created.outs ?? {}, inputs)).toEqual({ changes: true });
    await kind.update!(created.id, created.outs ?? {}, inputs);
    expect(membersOf(setup, "sales")).toContain("erin@acme.example");
    // A member the set does not list is no drift for a non-exclusive set.
    setup.emulator.outOfBand.addGroupMember("sales", "bob@acme.example");
    nextEngineRun(setup);
    expect(await kindOf(setup).diff!(created.id, created.outs ?? {}, inputs)).toEqual({ changes: false });
  });
});
