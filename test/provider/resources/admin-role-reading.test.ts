/**
 * #12.2: an admin's current roles are read one way, by the sync and by every role write. A proxy in front of the
 * emulator answers admin records the way some JumpCloud answers come: role names without role ids, or no roles at
 * all. The writes must keep the admin's other roles, revoke what they revoke, and refuse when the record does not say
 * which roles the admin holds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle } from "../../../emulator/types";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import { clientAccessApi } from "../../../provider/resources/client-access-api";
import { createResourceContext, type ResourceContext } from "../../../provider/resources/context";
import type { ResourceKind } from "../../../provider/resources/resource-kind";
import { readAdminRoles } from "../../../provider/sync/admin-roles";
import { type HostileProxy, startHostileProxy } from "../../helpers/hostile-proxy";
import { ACME, mutatingRequests } from "./fixtures";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Admin reads only (`/api/users`, `/api/users/{id}`): the sync's list, the writes' fresh reads and the PUT answers. */
const ADMIN_RECORDS = /^\/api\/users/;

interface Setup {
  emulator: EmulatorHandle;
  proxy: HostileProxy;
  /** A new provider process over the proxy: a fresh sync, as the engine's next run. */
  run(): { ctx: ResourceContext; role: ResourceKind };
  roles(email: string): string[] | undefined;
}

async function start(): Promise<Setup> {
  const emulator = await startEmulator({ org: ACME });
  const proxy = await startHostileProxy(emulator.url);
  const clients: JumpCloudClient[] = [];
  cleanups.push(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await proxy.stop();
    await emulator.stop();
  });
  return {
    emulator,
    proxy,
    run() {
      const ctx = createResourceContext({
        apiFor: (orgId) => {
          const client = new JumpCloudClient({
            apiKey: emulator.apiKey,
            apiUrl: proxy.url,
            ...(orgId ? { orgId } : {}),
            requestsPerSecond: 0,
            maxAttempts: 2,
          });
          clients.push(client);
          return clientAccessApi(client);
        },
        visibilityIntervalMs: 5,
        visibilityTimeoutMs: 2_000,
        notify: () => {},
      });
      return { ctx, role: adminRoleGrantKind(() => ctx) };
    },
    roles: (email) => emulator.snapshot().admins.find((a) => a.email === email)?.roles,
  };
}

async function create(kind: ResourceKind, inputs: Record<string, unknown>) {
  const checked = await kind.check!({}, inputs);
  expect(checked.failures ?? []).toEqual([]);
  return kind.create(checked.inputs ?? inputs);
}

describe("#12.2 admin roles are read one way", () => {
  it("#12.2 a grant to an admin whose records carry role names without ids keeps the admin's other roles", async () => {
    const setup = await start();
    setup.proxy.setMode({ match: ADMIN_RECORDS, stripFields: ["roles", "role"] });
    const { role } = setup.run();
    await create(role, { adminEmail: "bob@acme.example", roleName: "Manager" });
    expect(setup.roles("bob@acme.example")).toEqual(["Help Desk", "Manager", "Read Only"]);
  });

  it("#12.2 a revoke from an admin whose records carry role names without ids removes the role", async () => {
    const setup = await start();
    setup.proxy.setMode({ match: ADMIN_RECORDS, stripFields: ["roles", "role"] });
    const first = setup.run();
    const grant = await create(first.role, { adminEmail: "bob@acme.example", roleName: "Help Desk" });
    expect(grant.outs?.adopted).toBe(true);
    const second = setup.run();
    await second.role.delete!(grant.id, grant.outs ?? {});
    expect(setup.roles("bob@acme.example")).toEqual(["Read Only"]);
  });

  it("#12.2 a grant is refused, naming the admin, when the record does not say which roles the admin holds", async () => {
    const setup = await start();
    const { role } = setup.run();
    const checked = await role.check!({}, { adminEmail: "bob@acme.example", roleName: "Manager" });
    expect(checked.failures ?? []).toEqual([]);
    // One id beside two names (a multi-role admin read through `role` alone), then no role field at all.
    setup.proxy.setMode({ match: ADMIN_RECORDS, stripFields: ["roles"] });
    await expect(role.create(checked.inputs ?? {})).rejects.toThrow(
      /Refused to change any role: JumpCloud's record of administrator bob@acme\.example does not say which roles the admin holds \(its role ids .* and role names \(Help Desk, Read Only\) name different roles\)/,
    );
    setup.proxy.setMode({ match: ADMIN_RECORDS, stripFields: ["roles", "role", "roleNames", "roleName"] });
    await expect(role.create(checked.inputs ?? {})).rejects.toThrow(
      /administrator bob@acme\.example does not say which roles the admin holds \(it names no role at all\)/,
    );
    expect(mutatingRequests(setup.emulator)).toEqual([]);
    expect(setup.roles("bob@acme.example")).toEqual(["Help Desk", "Read Only"]);
  });

  it("#12.2 the sync refuses an admin record that does not say which roles the admin holds", async () => {
    const setup = await start();
    setup.proxy.setMode({ match: ADMIN_RECORDS, stripFields: ["roles", "role", "roleNames", "roleName"] });
    const { role } = setup.run();
    await expect(role.check!({}, { adminEmail: "bob@acme.example", roleName: "Manager" })).rejects.toThrow(
      /Cannot read the administrators: JumpCloud's record of administrator .* does not say which roles the admin holds/,
    );
  });

  it("reads ids, names alone through the catalogue, and refuses records whose ids and names disagree", () => {
    const catalogue = {
      byName: new Map([
        ["manager", { id: "r1" }],
        ["help desk", { id: "r2" }],
      ]),
    };
    const admin = (fields: Record<string, unknown>) => ({ _id: "a1", email: "x@acme.example", ...fields });
    expect(readAdminRoles(admin({ role: "r1", roleName: "Manager" }), catalogue)).toEqual({
      ok: true,
      roleIds: ["r1"],
    });
    expect(readAdminRoles(admin({ roleNames: ["manager", "Help Desk"] }), catalogue)).toEqual({
      ok: true,
      roleIds: ["r1", "r2"],
    });
    expect(readAdminRoles(admin({ roles: ["r2", "r1"], roleName: "Multi Role" }), catalogue)).toEqual({
      ok: true,
      roleIds: ["r2", "r1"],
    });
    expect(readAdminRoles(admin({ role: "r1", roleNames: ["Help Desk"] }), catalogue)).toMatchObject({ ok: false });
    expect(readAdminRoles(admin({ roleName: "Multi Role" }), catalogue)).toEqual({
      ok: false,
      reason: 'it says "Multi Role" but lists no roles',
    });
    expect(readAdminRoles(admin({ roleName: "Wizard" }), catalogue)).toMatchObject({ ok: false });
  });
});
