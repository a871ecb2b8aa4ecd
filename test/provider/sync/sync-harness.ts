import { startEmulator } from "../../../emulator";
import type { EmulatorHandle, EmulatorOptions } from "../../../emulator/types";
import type { ClientOptions } from "../../../provider/client/client-options";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import type { AccessGraph } from "../../../provider/sync/graph";
import { fakeClock } from "../client/fake-api";

export interface SyncSetup {
  emulator: EmulatorHandle;
  client: JumpCloudClient;
  clock: ReturnType<typeof fakeClock>;
}

/**
 * An emulator on port 0 and a client for it, sharing one virtual clock: the emulator's rate limiter refills as the
 * client's retry sleeps advance time, so throttling tests finish in milliseconds. Cleaned up by `stopAll`.
 */
export async function startSync(
  options: EmulatorOptions,
  client: Partial<ClientOptions> = {},
  cleanups: Array<() => Promise<void>> = [],
): Promise<SyncSetup> {
  const clock = fakeClock(Date.UTC(2026, 0, 1));
  const emulator = await startEmulator({ clock: clock.now, ...options });
  const jc = new JumpCloudClient({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    clock,
    random: () => 0.5,
    concurrency: 8,
    requestsPerSecond: 0,
    ...client,
  });
  cleanups.push(
    () => jc.close(),
    () => emulator.stop(),
  );
  return { emulator, client: jc, clock };
}

/** The graph without what differs between two syncs of the same data (time, stats, the emulator's port). */
export function content(graph: AccessGraph): Omit<AccessGraph, "generatedAt" | "sync"> {
  const { generatedAt: _generatedAt, sync: _sync, ...rest } = graph;
  return { ...rest, org: { ...rest.org, apiUrl: "" } };
}
