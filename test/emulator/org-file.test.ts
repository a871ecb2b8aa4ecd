import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EmulatorHandle, loadOrgFile, parseOrgFile, startEmulator } from "../../emulator";
import { client } from "./fixtures";

const DEMO = join(__dirname, "..", "..", "emulator", "orgs", "demo.yaml");

describe("org files", () => {
  let emulator: EmulatorHandle | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it("loads the demo org: Acme Corp with its users, groups, apps, admins and custom role", async () => {
    emulator = await startEmulator({ org: DEMO });
    const snap = emulator.snapshot();
    expect(snap.name).toBe("Acme Corp");
    expect(snap.users).toHaveLength(12);
    expect(snap.users.find((u) => u.email === "frank@acme.example")?.state).toBe("SUSPENDED");
    expect(snap.users.find((u) => u.email === "oscar@acme.example")?.state).toBe("STAGED");
    expect(snap.users.find((u) => u.email === "mallory@acme.example")?.locked).toBe(true);
    expect(snap.groups.map((g) => g.name)).toEqual([
      "all-staff",
      "contractors",
      "engineering",
      "finance",
      "platform-oncall",
      "sales",
    ]);
    expect(snap.groups.find((g) => g.name === "all-staff")?.membershipMethod).toBe("DYNAMIC_AUTOMATED");
    expect(snap.applications.map((a) => a.label)).toEqual([
      "AWS Console",
      "GitHub",
      "PagerDuty",
      "Salesforce",
      "Slack",
      "Zoom",
    ]);
    expect(snap.admins).toEqual([
      { email: "alice@acme.example", roles: ["Administrator"], suspended: false },
      { email: "bob@acme.example", roles: ["Help Desk", "Read Only"], suspended: false },
      { email: "it-admin@acme.example", roles: ["Administrator With Billing"], suspended: false },
    ]);
    expect(snap.customRoles).toEqual(["Access Reviewer"]);
  });

  it("derives the same ids from the same file every time", async () => {
    const first = await startEmulator({ org: DEMO });
    const second = await startEmulator({ org: DEMO });
    try {
      const list = async (e: EmulatorHandle) =>
        (await client(e.url, e.apiKey)("GET", "/api/systemusers?limit=100&sort=_id")).json;
      expect(first.orgIds).toEqual(second.orgIds);
      expect(await list(first)).toEqual(await list(second));
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it("reads JSON files and MSP files with several organizations", () => {
    const dir = mkdtempSync(join(tmpdir(), "org-file-"));
    const file = join(dir, "msp.json");
    writeFileSync(
      file,
      JSON.stringify({ organizations: [{ name: "One" }, { name: "Two", users: [{ email: "a@two.example" }] }] }),
    );
    const loaded = loadOrgFile(file);
    expect("organizations" in loaded && loaded.organizations.map((o) => o.name)).toEqual(["One", "Two"]);
  });

  it("names the offending field of a malformed file", () => {
    expect(() => parseOrgFile({ name: "X", groups: [{ name: "g", member: ["a@x.example"] }] }, "org.yaml")).toThrow(
      /org\.yaml[\s\S]*groups\.0/,
    );
    expect(() => parseOrgFile({ name: "X", users: [{ email: "not-an-email" }] })).toThrow(/users\.0\.email/);
  });

  it("rejects references to unknown users, groups and roles with the name and the fix", async () => {
    await expect(
      startEmulator({ org: { name: "X", groups: [{ name: "eng", members: ["ghost@x.example"] }] } }),
    ).rejects.toThrow('group "eng" names user "ghost@x.example", which is not in the org\'s users list');
    await expect(
      startEmulator({ org: { name: "X", applications: [{ name: "slack", groups: ["nope"] }] } }),
    ).rejects.toThrow('application "slack" names group "nope"');
    await expect(
      startEmulator({ org: { name: "X", admins: [{ email: "a@x.example", roles: ["Boss"] }] } }),
    ).rejects.toThrow(/names role "Boss", which does not exist\. Known roles: Administrator With Billing/);
  });

  it("reports an unreadable file with its path", () => {
    expect(() => loadOrgFile("/nonexistent/org.yaml")).toThrow("Cannot read org file /nonexistent/org.yaml");
  });
});
