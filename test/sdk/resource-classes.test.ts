import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { AdminRoleGrant, ApplicationAssignment, UserGroupMembers, UserGroupMembership } from "../../sdk";

// The SDK classes under Pulumi's mocks: what each resource registers, and the provider module the engine stores in
// state (the provider methods do not run under mocks; test/provider/dynamic runs the module).
const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
const secretKey = "jca_sdk_test_key_that_must_not_be_serialized";

beforeAll(() => {
  pulumi.runtime.setAllConfig({ "jumpcloud:apiKey": secretKey, "jumpcloud:apiUrl": "http://127.0.0.1:1" }, [
    "jumpcloud:apiKey",
  ]);
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

/** Resolves once the mocks have answered every resource's registration. */
const registeredAll = (resources: pulumi.CustomResource[]) =>
  new Promise((resolve) => pulumi.all(resources.map((r) => r.id)).apply(resolve));

describe("SDK classes", () => {
  it("register the documented type tokens with a one-line provider module that holds no key or config", async () => {
    await registeredAll([
      new UserGroupMembership("sdk-m", { groupName: "sdk-eng", userEmail: "alice@acme.example" }),
      new UserGroupMembers("sdk-s", { groupName: "sdk-sales", userEmails: ["bob@acme.example"], exclusive: true }),
      new ApplicationAssignment("sdk-a", { applicationName: "Slack", userGroupName: "sdk-eng" }),
      new AdminRoleGrant("sdk-r", { adminEmail: "bob@acme.example", roleName: "Help Desk" }),
    ]);
    const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
    expect(byName["sdk-m"]?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:UserGroupMembership");
    expect(byName["sdk-s"]?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:UserGroupMembers");
    expect(byName["sdk-a"]?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:ApplicationAssignment");
    expect(byName["sdk-r"]?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:AdminRoleGrant");
    expect(byName["sdk-m"]?.inputs).toMatchObject({ groupName: "sdk-eng", userEmail: "alice@acme.example" });
    for (const [name, kind] of [
      ["sdk-m", "user-group-membership"],
      ["sdk-s", "user-group-members"],
      ["sdk-a", "application-assignment"],
      ["sdk-r", "admin-role-grant"],
    ] as const) {
      const text = String(byName[name]?.inputs.__provider);
      expect(text).toBe(
        `exports.handler = function () { return require("pulumi-jumpcloud-access/dynamic").provider("${kind}"); };\n`,
      );
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain("127.0.0.1");
    }
  });

  it("refuses a group managed by both styles in one program, naming the group and both resources", () => {
    new UserGroupMembership("mix-one", { groupName: "mix-group", userEmail: "alice@acme.example" });
    expect(() => new UserGroupMembers("mix-set", { groupName: "mix-group", userEmails: ["bob@acme.example"] })).toThrow(
      'user group "mix-group" is managed by UserGroupMembership "mix-one" and by UserGroupMembers "mix-set".',
    );
    new UserGroupMembers("own-one", { groupId: "aaaaaaaaaaaaaaaaaaaaaaaa", exclusive: true });
    expect(() => new UserGroupMembers("own-two", { groupId: "AAAAAAAAAAAAAAAAAAAAAAAA", userIds: [] })).toThrow(
      'user group "AAAAAAAAAAAAAAAAAAAAAAAA" is managed by UserGroupMembers (exclusive) "own-one" and by UserGroupMembers "own-two"',
    );
    new UserGroupMembership("many-1", { groupName: "many", userEmail: "alice@acme.example" });
    new UserGroupMembership("many-2", { groupName: "many", userEmail: "bob@acme.example" });
    new UserGroupMembers("sets-1", { groupName: "sets", userEmails: ["alice@acme.example"] });
    new UserGroupMembers("sets-2", { groupName: "sets", userEmails: ["bob@acme.example"] });
  });
});
