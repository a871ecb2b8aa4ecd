import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessGraph, UserGroupMembership } from "../../sdk";
import { type Registered, recordRegistrations, resolveOutput, startProgram } from "../helpers/pulumi-mocks";

const registered: Registered[] = [];

// Mocks run the program's constructors (and closure serialization of the provider), not the provider methods.
beforeAll(() => {
  recordRegistrations(registered, ({ type, name, inputs }) => {
    const id = type.endsWith(":UserGroupMembership") ? `${inputs.groupName}/${inputs.userEmail}` : name;
    return { id, state: inputs };
  });
});

beforeEach(() => startProgram(registered));

const graphInputs = () => registered.find((r) => r.type.endsWith(":AccessGraph"))?.inputs ?? {};

describe("AccessGraph SDK class", () => {
  it("registers the access-graph kind under the documented type token with its inputs", async () => {
    const graph = new AccessGraph("graph", { redactEmails: true, outputDir: "review", maxInlineBytes: 1000 });
    await resolveOutput(graph.urn);
    const found = registered.find((r) => r.name === "graph");
    expect(found?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:AccessGraph");
    expect(graphInputs()).toMatchObject({ redactEmails: true, outputDir: "review", maxInlineBytes: 1000 });
    expect(graphInputs()).not.toHaveProperty("policies");
  });

  it("merges the managed edge ids of policies with its own, sorted and without duplicates", async () => {
    const membership = new UserGroupMembership("m", { groupName: "eng", userEmail: "a@example.com" });
    const policies = [
      { managedEdgeIds: pulumi.output(["g/2", "g/1"]) },
      { managedEdgeIds: pulumi.output(["g/1", "app/user_group/g"]) },
    ];
    const graph = new AccessGraph("graph", { managedEdgeIds: [membership.id], policies });
    await resolveOutput(graph.urn);
    expect(graphInputs().managedEdgeIds).toEqual(["app/user_group/g", "eng/a@example.com", "g/1", "g/2"]);
  });

  it("depends on the policies that are resources, keeping the caller's dependsOn", async () => {
    const policy = new pulumi.ComponentResource("test:index:Policy", "policy");
    const managed = Object.assign(policy, { managedEdgeIds: pulumi.output(["g/1"]) });
    const other = new UserGroupMembership("other", { groupName: "eng", userEmail: "b@example.com" });
    let dependsOn: unknown;
    const graph = new AccessGraph(
      "graph",
      { policies: [managed, { managedEdgeIds: pulumi.output(["g/2"]) }] },
      {
        dependsOn: [other],
        // A transformation sees the options the resource was registered with.
        transformations: [
          (args) => {
            if (args.type.endsWith(":AccessGraph")) dependsOn = args.opts.dependsOn;
            return undefined;
          },
        ],
      },
    );
    await resolveOutput(graph.urn);
    expect(dependsOn).toEqual([other, policy]);
    expect(graphInputs().managedEdgeIds).toEqual(["g/1", "g/2"]);
  });

  it("serializes a provider that holds no configuration and loads the implementation at call time", async () => {
    const graph = new AccessGraph("graph", {});
    await resolveOutput(graph.urn);
    const serialized = String(graphInputs().__provider);
    expect(serialized).toContain('require("pulumi-jumpcloud-access/dynamic")');
    expect(serialized).toContain("access-graph");
    expect(serialized).not.toContain("fullSync");
    expect(serialized).not.toContain("apiKey");
    expect(serialized.length).toBeLessThan(4096);
  });
});
