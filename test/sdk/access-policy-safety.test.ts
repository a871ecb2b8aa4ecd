import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { JumpCloudError } from "../../provider/errors";
import { AccessPolicy, AdminRoleGrant, ApplicationAssignment, UserGroupMembers, UserGroupMembership } from "../../sdk";
import { type Registered, recordRegistrations, resolveOutput, startProgram } from "../helpers/pulumi-mocks";

const registered: Registered[] = [];
beforeAll(() => recordRegistrations(registered, ({ name, inputs }) => ({ id: name, state: inputs })));
beforeEach(() => startProgram(registered));

const KELVIN = "\u212A";
const now = "2026-11-30T12:00:00Z";

describe("#12.15 errors shown to the user: AccessPolicy raises manifest errors as the program's own error", () => {
  it("throws a RunError carrying the message, with the JumpCloudError as its cause", () => {
    let thrown: unknown;
    try {
      new AccessPolicy("acme", { manifest: { groups: { eng: { members: ["alice"] } } }, now });
    } catch (error) {
      thrown = error;
    }
    expect(pulumi.RunError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('AccessPolicy "acme" manifest groups.eng.members[0]: "alice" is not');
    expect((thrown as Error).cause).toBeInstanceOf(JumpCloudError);
  });

  it("does the same for an unreadable manifest file and an invalid `now`", () => {
    const run = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const missing = run(() => new AccessPolicy("a", { manifest: "no-such-access.yaml", now }));
    expect(pulumi.RunError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toBe(
      "Cannot read the access manifest no-such-access.yaml. Check the path (it is relative to the Pulumi program's directory).",
    );
    const badNow = run(() => new AccessPolicy("b", { manifest: {}, now: "soon" }));
    expect(pulumi.RunError.isInstance(badNow)).toBe(true);
  });
});

describe("#12.14 inputs: AccessPolicy keeps every name and gives every group and application its own set", () => {
  it("creates the children of a group and an application named __proto__ from a manifest file", async () => {
    const { mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    mkdirSync("test-output/access-policy-safety", { recursive: true });
    const file = "test-output/access-policy-safety/proto.yaml";
    writeFileSync(
      file,
      [
        "groups:",
        "  __proto__:",
        "    members: [alice@acme.example]",
        '  "a:b":',
        "    members: [c@acme.example]",
        "  a:",
        '    members: ["b:c@acme.example"]',
        "applications:",
        "  __proto__:",
        "    groups: [a]",
      ].join("\n"),
    );
    try {
      const policy = new AccessPolicy("acme", { manifest: file, now });
      await resolveOutput(policy.managedEdgeIds);
    } finally {
      rmSync("test-output/access-policy-safety", { recursive: true, force: true });
    }
    expect(registered.map((r) => r.name).sort()).toEqual([
      "acme",
      "acme/assignments:__proto__",
      "acme/members:__proto__",
      "acme/members:a",
      "acme/members:a:b",
    ]);
    const inputs = (name: string) => registered.find((r) => r.name === name)?.inputs ?? {};
    expect(Object.keys(inputs("acme/members:__proto__").members ?? {})).toEqual(["alice@acme.example"]);
    expect(Object.keys(inputs("acme/assignments:__proto__").groups ?? {})).toEqual(["a"]);
    expect(Object.keys(inputs("acme/members:a").members ?? {})).toEqual(["b:c@acme.example"]);
  });

  it("refuses a set key Pulumi would drop (a group named __proto__ assigned to an application), naming it", () => {
    // As a parsed access.yaml has it: "__proto__" as an own key (a literal would set the prototype instead).
    const groups = {};
    Object.defineProperty(groups, "__proto__", {
      value: { members: ["alice@acme.example"] },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const own = { groups, applications: { github: { groups: ["__proto__"] } } };
    expect(() => new AccessPolicy("acme", { manifest: own, now })).toThrow(
      /ApplicationAssignments "acme\/assignments:github": groups has the key "__proto__", which Pulumi cannot pass to the provider/,
    );
  });
});

describe("#12.7 look-alike emails: resources warn about non-ASCII addresses in their inputs", () => {
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    // Without an engine (mocks), the SDK prints log messages with console.warn.
    vi.spyOn(console, "warn").mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const settle = async (resources: pulumi.CustomResource[]) => {
    await Promise.all(resources.map((r) => resolveOutput(r.urn)));
    await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("names the address and the property on every kind of resource, and says nothing about ASCII addresses", async () => {
    const look = `${KELVIN}ate@acme.example`;
    await settle([
      new UserGroupMembership("m", { groupName: "eng", userEmail: look }),
      new UserGroupMembers("s", { groupName: "ops", userEmails: ["alice@acme.example", pulumi.output(look)] }),
      new ApplicationAssignment("a", { applicationName: "GitHub", userEmail: look }),
      new AdminRoleGrant("r", { adminEmail: `${KELVIN}eeper@acme.example`, roleName: "Administrator" }),
      new UserGroupMembership("plain", { groupName: "eng", userEmail: "kate@acme.example" }),
    ]);
    const says = (property: string, address: string) =>
      `warning: [runtime] ${property}: "${address}" contains non-ASCII characters (U+212A): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`;
    expect(warnings.sort()).toEqual(
      [
        says("userEmail", look),
        says("userEmails", look),
        says("userEmail", look),
        says("adminEmail", `${KELVIN}eeper@acme.example`),
      ].sort(),
    );
  });
});
