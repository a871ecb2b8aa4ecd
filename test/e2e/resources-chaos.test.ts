import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult, spawnPulumi } from "../helpers/pulumi";
import {
  declare,
  e2eOrg,
  edgeCount,
  expectedSnapshot,
  programSource,
  writes,
} from "../provider/resources/e2e-fixtures";

// Convergence under a hostile API and after the CLI is killed mid-run.
const apiKey = `jca_chaos_${randomBytes(16).toString("hex")}`;
const QUIET = ["--non-interactive", "--color", "never"];
const all = (r: RunResult) => `${r.stdout}\n${r.stderr}`;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setUp(name: string, source: string, emulator: EmulatorHandle, tuning: Record<string, string>) {
  const config: Record<string, { value: string; secret?: boolean }> = {
    "jumpcloud:apiUrl": { value: emulator.url },
    "jumpcloud:apiKey": { value: apiKey, secret: true },
  };
  for (const [key, value] of Object.entries(tuning)) config[`jumpcloud:${key}`] = { value };
  const project = await createPulumiProject({ name, program: source, config });
  cleanups.push(() => project.cleanup());
  return project;
}

describe("access resources under faults", () => {
  it("converges on 300 edges through 5xx errors, 429 bursts and a 200 ms visibility delay", async () => {
    const declared = declare({
      memberships: 200,
      setSize: 20,
      groupAssignments: 16,
      userAssignments: 38,
      roles: 6,
      teams: 10,
      apps: 4,
    });
    expect(edgeCount(declared)).toBe(300);
    const emulator = await startEmulator({ apiKey, org: e2eOrg(220, 10, 4, 4) });
    cleanups.push(() => emulator.stop());
    const before = emulator.snapshot();
    const project = await setUp("resources-chaos", programSource(declared), emulator, {
      concurrency: "8",
      requestsPerSecond: "0",
      maxAttempts: "10",
    });
    emulator.setFaults({
      errorRate: 0.1,
      rateLimitPerSecond: 40,
      rateLimitBurst: 10,
      retryAfter: true,
      visibilityDelayMs: 200,
      seed: 7,
    });

    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    const statuses = emulator.requestCounts().byStatus;
    expect(statuses["429"] ?? 0).toBeGreaterThan(0);
    expect((statuses["500"] ?? 0) + (statuses["502"] ?? 0) + (statuses["503"] ?? 0)).toBeGreaterThan(0);
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));

    const gate = await project.run(["refresh", "--preview-only", "--expect-no-changes", ...QUIET]);
    expect(gate.code, all(gate)).toBe(0);
  }, 900_000);

  it("recovers from a CLI killed in the middle of up, with nothing lost or duplicated", async () => {
    const declared = declare({
      memberships: 40,
      setSize: 5,
      groupAssignments: 8,
      userAssignments: 8,
      roles: 3,
      teams: 4,
      apps: 4,
    });
    const emulator = await startEmulator({ apiKey, org: e2eOrg(50, 4, 4, 4), faults: { visibilityDelayMs: 200 } });
    cleanups.push(() => emulator.stop());
    const before = emulator.snapshot();
    const project = await setUp("resources-interrupted", programSource(declared), emulator, {});

    // Interrupt the CLI once a few grants have been written, as a person pressing Ctrl-C twice does (or a CI job
    // timing out): the second interrupt exits at once, with operations still in flight.
    const killed = await interruptedUp(project, () => writes(emulator).length >= 10);
    expect(killed.code).not.toBe(0);
    expect(killed.stdout + killed.stderr).toMatch(/cancel/i);

    // The documented recovery: remove the dead run's lock, look at the pending operations, clear them with a
    // refresh, then up again.
    const locked = await project.run(["stack", "export", ...QUIET]);
    if (/locked/.test(locked.stderr)) {
      const cancel = await project.run(["cancel", "--yes", ...QUIET]);
      expect(cancel.code, all(cancel)).toBe(0);
    }
    const state = await project.exportState();
    const pending = (state.deployment.pending_operations ?? []) as { type: string }[];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((op) => op.type === "creating")).toBe(true);
    const refresh = await project.refresh(["--clear-pending-creates"]);
    expect(refresh.code, all(refresh)).toBe(0);
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));

    const ids = ((await project.exportState()).deployment.resources as { type: string; id: string }[])
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/jumpcloud:"))
      .map((r) => r.id);
    expect(ids).toHaveLength(
      declared.memberships.length + declared.sets.length + declared.assignments.length + declared.roles.length,
    );
    const gate = await project.run(["refresh", "--preview-only", "--expect-no-changes", ...QUIET]);
    expect(gate.code, all(gate)).toBe(0);
  }, 600_000);
});

/** Runs `pulumi up` and sends two interrupts once `ready()` holds; resolves when the CLI has exited. */
function interruptedUp(project: PulumiProject, ready: () => boolean): Promise<RunResult> {
  const { child, result } = spawnPulumi(project, ["up", "--yes", "--skip-preview", ...QUIET]);
  let interrupts = 0;
  const watcher = setInterval(() => {
    if (interrupts === 0 && ready()) {
      child.kill("SIGINT");
      interrupts = 1;
    } else if (interrupts === 1) {
      child.kill("SIGINT");
      interrupts = 2;
    }
  }, 50);
  return result.finally(() => clearInterval(watcher));
}
