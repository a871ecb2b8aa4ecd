import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../cli/commands/import";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSnapshot } from "../../emulator/types";
import { parseManifestText } from "../../provider/manifest";
import { syntheticImportOrg } from "../helpers/import/synthetic-import-org";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";
import { writes } from "../provider/resources/e2e-fixtures";

// The import flow on the real engine: `jumpcloud-access import` from a 1,000-user org, then `pulumi up` of an
// AccessPolicy on the imported file adopts everything with zero JumpCloud writes, and a no-change preview passes right
// after. Destroy then revokes what the stack adopted (the README says so next to the import flow). The whole org is
// imported (over 900 grants): AccessPolicy makes one resource per group, application and admin.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;

const program = `
import { AccessPolicy } from "pulumi-jumpcloud-access";

const policy = new AccessPolicy("imported", { manifest: "access.yaml" });
export const counts = policy.counts;
`;

const IMPORT_ARGS = ["--exclusive", "group-0001"];

/** The org after destroy: the imported edges gone, each admin moved to the fallback role. */
function withoutImported(before: OrgSnapshot, manifest: ReturnType<typeof parseManifestText>["manifest"]): OrgSnapshot {
  const after: OrgSnapshot = structuredClone(before);
  for (const group of after.groups) {
    const listed = manifest.groups?.[group.name]?.members?.map((m) => m.email) ?? [];
    group.members = group.members.filter((email) => !listed.includes(email));
  }
  for (const app of after.applications) {
    const policy = manifest.applications?.[app.label];
    app.groups = app.groups.filter((name) => !policy?.groups?.some((g) => g.group === name));
    app.users = app.users.filter((email) => !policy?.users?.some((u) => u.email === email));
  }
  for (const admin of after.admins) if (manifest.admins?.[admin.email]) admin.roles = ["Read Only"];
  return after;
}

describe("import, then adopt on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const transcript: RunResult[] = [];

  const run = async (step: Promise<RunResult>) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    const org = syntheticImportOrg({
      users: 1_000,
      groups: 40,
      apps: 8,
      admins: 6,
      membersPerGroup: 20,
      groupsPerApp: 3,
      usersPerApp: 10,
      seed: 5,
    });
    emulator = await startEmulator({ apiKey, org });
    project = await createPulumiProject({
      name: "import-adopt",
      program,
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: apiKey, secret: true },
        "jumpcloud:concurrency": { value: "8" },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("adopts the imported file with zero writes, previews no change, and destroy revokes what was adopted", async () => {
    const manifestFile = join(project.dir, "access.yaml");
    const err: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (t: string) => err.push(t) },
      env: { JUMPCLOUD_API_KEY: apiKey, JUMPCLOUD_API_URL: emulator.url, JUMPCLOUD_REQUESTS_PER_SECOND: "0" },
    };
    expect(await runImport([...IMPORT_ARGS, "--out", manifestFile], io), err.join("")).toBe(0);
    const loaded = parseManifestText(readFileSync(manifestFile, "utf8"), "access.yaml");
    expect(loaded.warnings).toEqual([]);
    const grants = loaded.grants.length;
    expect(grants).toBeGreaterThan(900);
    expect(loaded.exclusiveGroups).toEqual(["group-0001"]);
    const size = (section: object | undefined) => Object.keys(section ?? {}).length;
    const sets = size(loaded.manifest.groups) + size(loaded.manifest.applications) + size(loaded.manifest.admins);
    expect(size(loaded.manifest.admins)).toBe(6);
    const before = emulator.snapshot();

    emulator.clearRequestLog();
    const up = await run(project.up());
    expect(writes(emulator)).toEqual([]);
    expect(emulator.snapshot()).toEqual(before);
    // One set per group, application and admin, plus the AccessPolicy component and the stack itself.
    expect(up.stdout).toContain(`+ ${sets + 2} created`);
    const outputs = await project.outputs();
    expect(outputs.counts).toMatchObject({ expired: 0 });

    emulator.clearRequestLog();
    await run(project.preview(["--expect-no-changes"]));
    expect(writes(emulator)).toEqual([]);

    // Destroy revokes what the stack adopted; each admin whose roles were adopted moves to "Read Only".
    await run(project.destroy());
    expect(emulator.snapshot()).toEqual(withoutImported(before, loaded.manifest));
    const roles = (email: string) => emulator.snapshot().admins.find((a) => a.email === email)?.roles;
    expect(roles("admin0003@synthetic.example")).toEqual(["Read Only"]);
    expect(before.admins.find((a) => a.email === "admin0003@synthetic.example")?.roles).toEqual(["Manager"]);

    const state = JSON.stringify(await project.exportState());
    expect(state).not.toContain(apiKey);
    for (const r of transcript) expect(`${r.stdout}${r.stderr}`).not.toContain(apiKey);
  }, 900_000);
});
