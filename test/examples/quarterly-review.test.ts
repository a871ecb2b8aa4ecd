import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { parseCsv } from "../../provider/review";
import { consumerProject } from "../helpers/packed-package";
import { type PulumiProject, type RunResult, spawnCollected } from "../helpers/pulumi";
import { fillSheet } from "../provider/review/campaign-fixture";
import { exampleProject, expectOk } from "./example-project";

// The quarterly-review example as its README runs it, with the packed package's own CLI and program: campaign,
// decisions, apply, `pulumi up`; then JumpCloud shows the decisions and the review report the last review.
describe("example: quarterly-review", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let cli: string;

  /** `jumpcloud-access …` as installed with the package, in the program's directory. */
  const jumpcloudAccess = (args: string[]): Promise<RunResult> =>
    spawnCollected(process.execPath, [cli, ...args], {
      cwd: project.dir,
      env: { ...project.env, JUMPCLOUD_API_URL: emulator.url, JUMPCLOUD_API_KEY: emulator.apiKey },
    }).result;

  beforeAll(async () => {
    emulator = await startEmulator({ org: "emulator/orgs/demo.yaml" });
    project = await exampleProject("quarterly-review", emulator);
    cli = join((await consumerProject()).dir, "node_modules", "pulumi-jumpcloud-access", "dist", "cli", "main.js");
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("campaign → decisions → apply → pulumi up removes what the owners revoked, managed or not", {
    timeout: 600_000,
  }, async () => {
    expectOk(await project.up(), "pulumi up");
    const before = emulator.snapshot();

    expectOk(await jumpcloudAccess(["review", "campaign", "--manifest", "access.yaml", "--out", "review"]), "campaign");
    const sheet = (owner: string) => join(project.dir, "review", `${owner}.csv`);
    const alice = await readFile(sheet("alice@acme.example"), "utf8");
    expect(parseCsv(alice).length).toBeGreaterThan(1);
    await writeFile(
      sheet("alice@acme.example"),
      fillSheet(alice, (row) => {
        // judy is in engineering outside code; ivan's direct GitHub access is in access.yaml.
        if (row.type === "group" && row.entitlement === "engineering" && row.user === "judy@acme.example") {
          return ["revoke", "moved teams"];
        }
        if (
          row.type === "application" &&
          row.entitlement?.toLowerCase() === "github" &&
          row.user === "ivan@acme.example"
        ) {
          return row.how === "direct" ? ["revoke", "contract ended"] : undefined;
        }
        return undefined;
      }),
    );
    await writeFile(
      sheet("grace@acme.example"),
      fillSheet(await readFile(sheet("grace@acme.example"), "utf8"), (row) =>
        row.type === "application" && row.user === "grace@acme.example" && row.how === "direct"
          ? ["revoke"]
          : undefined,
      ),
    );
    const applied = expectOk(
      await jumpcloudAccess([
        "review",
        "apply",
        sheet("alice@acme.example"),
        sheet("grace@acme.example"),
        "--manifest",
        "access.yaml",
        "--ticket",
        "SEC-120",
      ]),
      "review apply",
    );
    expect(applied.stdout).toContain("3 decisions applied");
    const manifest = await readFile(join(project.dir, "access.yaml"), "utf8");
    expect(manifest).toContain("revoked:");
    expect(manifest).not.toContain("      - ivan@acme.example\n  salesforce");

    const up = expectOk(await project.up(), "pulumi up");
    expect(up.stdout).toContain("acme/revoked:group:engineering created");
    expect(up.stdout).toContain("acme/revoked:application:salesforce created");
    expect(up.stdout).toMatch(/acme\/assignments:github +updated/);
    const after = emulator.snapshot();
    const group = (s: typeof after, name: string) => s.groups.find((g) => g.name === name)?.members;
    const users = (s: typeof after, name: string) => s.applications.find((a) => a.name === name)?.users;
    expect(group(after, "engineering")).toEqual(group(before, "engineering")?.filter((m) => m !== "judy@acme.example"));
    expect(users(before, "github")).toEqual(["ivan@acme.example"]);
    expect(users(after, "github")).toEqual([]);
    expect(users(before, "salesforce")).toEqual(["grace@acme.example"]);
    expect(users(after, "salesforce")).toEqual([]);
    // The sets change before the access graph is published (it depends on the policy), so the graph published by
    // this same update already shows the decisions, and nothing is left to change.
    expectOk(await project.preview(["--expect-no-changes"]), "pulumi preview --expect-no-changes");
    // The published graph no longer shows the revoked access granted outside code.
    const unmanaged = (await project.outputs()).unmanaged as { entitlement: string; principal: string }[];
    const shown = unmanaged.map((grant) => `${grant.principal} ${grant.entitlement}`);
    expect(shown).not.toContain("judy@acme.example engineering");
    expect(shown).not.toContain("grace@acme.example Salesforce");
    expect(shown).toContain("erin@acme.example sales");

    // The review after the update has a "Last review" section from the record next to access.yaml.
    expectOk(await jumpcloudAccess(["review", "--out", "access-review", "--records", ".", "--quiet"]), "review");
    const html = await readFile(join(project.dir, "access-review", "review.html"), "utf8");
    expect(html).toContain('<section id="last-review"><h2>Last review</h2>');
    expect(html).toContain("3 revoke");
  });
});
