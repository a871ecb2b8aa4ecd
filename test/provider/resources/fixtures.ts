import { startEmulator } from "../../../emulator";
import type { EmulatorHandle, EmulatorOptions, OrgSpec } from "../../../emulator/types";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { clientAccessApi } from "../../../provider/resources/client-access-api";
import { createResourceContext, type ResourceContext } from "../../../provider/resources/context";

/** The org the resource tests run against: static and dynamic groups, apps, single- and multi-role admins. */
export const ACME: OrgSpec = {
  name: "Acme Test",
  users: [
    { email: "alice@acme.example" },
    { email: "bob@acme.example" },
    { email: "carol@acme.example" },
    { email: "dave@acme.example" },
    { email: "erin@acme.example" },
  ],
  groups: [
    { name: "engineering", members: ["alice@acme.example", "bob@acme.example"] },
    { name: "sales", members: ["carol@acme.example"] },
    { name: "empty" },
    { name: "all-staff", membershipMethod: "DYNAMIC_AUTOMATED", members: ["alice@acme.example"] },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering"], users: ["erin@acme.example"] },
    { name: "github", label: "GitHub" },
    { name: "zoom", label: "Zoom" },
    { name: "zoom-test", label: "Zoom" },
  ],
  admins: [
    { email: "alice@acme.example", roles: ["Administrator"] },
    { email: "bob@acme.example", roles: ["Help Desk", "Read Only"] },
    { email: "it-admin@acme.example", roles: ["Manager"] },
  ],
  customRoles: ["Access Reviewer"],
};

export interface ResourceSetup {
  emulator: EmulatorHandle;
  ctx: ResourceContext;
  notices: string[];
  writes(): string[];
}

/** An emulator on port 0 and a resource context with real clients for it (no rate cap, short visibility polls). */
export async function startResources(
  options: EmulatorOptions = {},
  cleanups: Array<() => Promise<void>> = [],
): Promise<ResourceSetup> {
  const emulator = await startEmulator({ org: ACME, ...options });
  const clients: JumpCloudClient[] = [];
  const notices: string[] = [];
  const ctx = createResourceContext({
    apiFor: (orgId) => {
      const client = new JumpCloudClient({
        apiKey: emulator.apiKey,
        apiUrl: emulator.url,
        ...(orgId ? { orgId } : {}),
        concurrency: 8,
        requestsPerSecond: 0,
        maxRetryWaitMs: 2_000,
      });
      clients.push(client);
      return clientAccessApi(client);
    },
    visibilityIntervalMs: 5,
    visibilityTimeoutMs: 5_000,
    notify: (message) => notices.push(message),
  });
  cleanups.push(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await emulator.stop();
  });
  return { emulator, ctx, notices, writes: () => mutatingRequests(emulator) };
}

/**
 * Starts the next engine run over the same emulator and clients, as a new provider process would: a fresh context
 * (new sync, claims and declared edges) whose notices go to the same list. The engine never creates and deletes
 * the same resource in one run, so a test that deletes what it created calls this in between.
 */
export function nextEngineRun(setup: ResourceSetup): ResourceContext {
  const previous = setup.ctx;
  setup.ctx = createResourceContext({
    apiFor: (orgId) => previous.api(orgId),
    visibilityIntervalMs: 5,
    visibilityTimeoutMs: 5_000,
    notify: (message) => setup.notices.push(message),
  });
  return setup.ctx;
}

/** Every request that could change JumpCloud, as its route (`POST /api/v2/usergroups/{id}/members`). */
export function mutatingRequests(emulator: EmulatorHandle): string[] {
  return emulator
    .requestLog()
    .filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"))
    .map((r) => r.route);
}
