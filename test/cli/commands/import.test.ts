import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../../cli/commands/import";
import { runSync } from "../../../cli/commands/sync";
import { EXIT_CODES } from "../../../cli/command-support";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle } from "../../../emulator/types";
import { loadAccessGraph } from "../../../provider/review/files/load-graph";
import type { AccessGraph } from "../../../provider/sync/graph";
import { directStaticEdgeIds, plannedEdgeIds, schemaErrors } from "../../helpers/import/round-trip";
import { syntheticImportOrg } from "../../helpers/import/synthetic-import-org";

const KEY = "jca_import_secret_key_5b0c7e2a9d4f61830e7c";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: (env: NodeJS.ProcessEnv) => ({
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env,
    }),
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

// `jumpcloud-access import` against the emulator on a 1,200-user synthetic org: the file it writes, loaded and
// planned by the project's own code, asks for exactly the org's direct static edges, minus the ones whose names
// cannot resolve back (each named in a warning).
describe("jumpcloud-access import against the emulator", () => {
  let emulator: EmulatorHandle;
  let dir: string;
  let graph: AccessGraph;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const org = syntheticImportOrg({
      users: 1_200,
      groups: 60,
      apps: 12,
      admins: 10,
      membersPerGroup: 30,
      distribution: "zipf",
      groupsPerApp: 4,
      usersPerApp: 15,
      seed: 14,
    });
    emulator = await startEmulator({ org, apiKey: KEY, port: 0 });
    dir = mkdtempSync(join(tmpdir(), "jca-import-"));
    env = { JUMPCLOUD_API_KEY: KEY, JUMPCLOUD_API_URL: emulator.url, JUMPCLOUD_REQUESTS_PER_SECOND: "0" };
    const sync = capture();
    expect(await runSync(["--out", join(dir, "graph.json"), "--quiet"], sync.io(env))).toBe(0);
    graph = await loadAccessGraph(join(dir, "graph.json"));
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes a manifest that plans exactly the org's direct static edges, nothing lost, nothing extra", async () => {
    const out = join(dir, "access.yaml");
    const cap = capture();
    emulator.clearRequestLog();
    expect(await runImport(["--out", out], cap.io(env))).toBe(EXIT_CODES.ok);
    // Reads only: an import never changes the organization.
    expect(emulator.requestLog().filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"))).toEqual([]);
    const text = readFileSync(out, "utf8");
    expect(schemaErrors(text)).toEqual([]);

    const groupName = new Map(graph.groups.map((g) => [g.id, g.name]));
    const label = new Map(graph.applications.map((a) => [a.id, a.label]));
    const unresolvable = new Set([
      ...graph.memberships.filter((m) => groupName.get(m.groupId)?.toLowerCase() === "contractors").map((m) => m.id),
      ...graph.applicationAssignments
        .filter(
          (a) => label.get(a.applicationId) === "Wiki" || groupName.get(a.targetId)?.toLowerCase() === "contractors",
        )
        .map((a) => a.id),
    ]);
    expect(unresolvable.size).toBe(6);
    const expected = directStaticEdgeIds(graph).filter((id) => !unresolvable.has(id));
    expect(expected.length).toBeGreaterThan(1_500);
    expect(plannedEdgeIds(graph, text)).toEqual(expected);

    // The dynamic group: a comment, not imported, but applications assigned to it keep that assignment.
    expect(text).toMatch(/^# Dynamic groups are not imported: .*"all-staff" \(DYNAMIC_AUTOMATED\)$/m);
    expect(text).not.toMatch(/^ {2}all-staff:/m);
    expect(text).toMatch(/^ {2}Zoom:\n {4}groups:\n {6}- all-staff\n/m);
    const warnings = cap
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("warning: "));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: groups: left out group "Contractors" \([0-9a-f]{24}\) and its members: 2 user groups are named/,
      ),
      expect.stringMatching(
        /^warning: groups: left out group "contractors" \([0-9a-f]{24}\) and its members: 2 user groups/,
      ),
      expect.stringMatching(
        /^warning: applications: left out application "Wiki" \([0-9a-f]{24}\) and its assignments: 2 applications are named "Wiki"/,
      ),
      expect.stringMatching(/^warning: applications: left out application "Wiki" \([0-9a-f]{24}\) and its assignments/),
      expect.stringMatching(
        /^warning: applications "Zoom": left out assigned group "Contractors" \([0-9a-f]{24}\): 2 user groups/,
      ),
    ]);
    expect(cap.stderr()).toMatch(
      /Imported "Synthetic Org 14": 60 groups \(\d+ memberships\), 13 applications .* Wrote .*access\.yaml\.\n$/,
    );
    for (const text of [readFileSync(out, "utf8"), cap.stdout(), cap.stderr()]) expect(text).not.toContain(KEY);
  });

  it("gives byte-identical files from the live org and from the saved graph, and keeps an existing file without --force", async () => {
    const live = join(dir, "live.yaml");
    const args = [
      "--groups",
      "group-000*,Contractors",
      "--groups",
      "all-staff",
      "--applications",
      "app-000?",
      "--exclusive",
      "group-0001,GROUP-0002",
    ];
    expect(await runImport([...args, "--out", live], capture().io(env))).toBe(0);
    const fromGraph = capture();
    expect(await runImport([...args, "--graph", join(dir, "graph.json")], fromGraph.io({}))).toBe(0);
    const text = readFileSync(live, "utf8");
    expect(fromGraph.stdout()).toBe(text);
    expect(text).toContain(
      '# Chosen: groups "group-000*", "Contractors", "all-staff"; applications "app-000?"; admins all; exclusive "group-0001", "GROUP-0002".',
    );
    expect(text).toMatch(/^ {2}group-0001:\n {4}exclusive: true\n {4}members:\n/m);
    expect(text).toMatch(/^ {2}group-0002:\n {4}exclusive: true\n {4}members:\n/m);
    expect(text).toMatch(/^ {2}group-0009:\n {4}members:\n/m);
    expect(text).not.toMatch(/^ {2}group-001\d:/m);
    expect(text).toMatch(/^ {2}App 0009:/m);
    expect(text).not.toMatch(/^ {2}App 001\d:/m);
    expect(plannedEdgeIds(graph, text).length).toBeGreaterThan(100);

    writeFileSync(live, "# reviewed by hand\n");
    const again = capture();
    expect(await runImport([...args, "--out", live], again.io(env))).toBe(EXIT_CODES.usage);
    expect(again.stderr()).toMatch(
      /^error: import: .*live\.yaml exists; it was left as it is\. Pass --force to replace it/m,
    );
    expect(readFileSync(live, "utf8")).toBe("# reviewed by hand\n");
    expect(await runImport([...args, "--out", live, "--force", "--quiet"], capture().io(env))).toBe(0);
    expect(readFileSync(live, "utf8")).toBe(text);
  });

  it("refuses bad usage before any API call", async () => {
    emulator.clearRequestLog();
    const both = capture();
    const code = await runImport(["--graph", join(dir, "graph.json"), "--api-url", emulator.url], both.io(env));
    expect(code).toBe(EXIT_CODES.usage);
    expect(both.stderr()).toContain("--graph reads a saved graph; connection flags do not apply");
    const unknown = capture();
    expect(await runImport(["--group", "x"], unknown.io(env))).toBe(EXIT_CODES.usage);
    expect(unknown.stderr()).toContain('Run "jumpcloud-access import --help"');
    const noDirectory = capture();
    expect(await runImport(["--out", join(dir, "missing", "access.yaml")], noDirectory.io(env))).toBe(EXIT_CODES.usage);
    expect(noDirectory.stderr()).toMatch(/Cannot write the manifest to .*missing\/access\.yaml \(ENOENT\)/);
    const noKey = capture();
    expect(await runImport([], noKey.io({ JUMPCLOUD_API_URL: emulator.url }))).toBe(EXIT_CODES.usage);
    expect(noKey.stderr()).toContain("No JumpCloud API key is configured");
    expect(emulator.requestLog()).toEqual([]);
  });

  it("is listed by the built CLI's --help and answers import --help", () => {
    const bin = join(__dirname, "..", "..", "..", "dist", "cli", "main.js");
    expect(spawnSync("node", [bin, "--help"], { encoding: "utf8" }).stdout).toMatch(
      /^ {2}import +write an access\.yaml/m,
    );
    const help = spawnSync("node", [bin, "import", "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: jumpcloud-access import [--out access.yaml] [--graph graph.json] [options]");
  });
});
