import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessGraph, UserGroupMembership } from "../../sdk";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

let registered: Registered[] = [];

// Mocks run the program's constructors (and closure serialization of the provider), not the provider methods.
beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        registered.push({ type: args.type, name: args.name, inputs });
        const id = args.type.endsWith(":UserGroupMembership") ? `${inputs.groupName}/${inputs.userEmail}` : args.name;
        return { id, state: inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

beforeEach(() => {
  registered = [];
  (globalThis as Record<symbol, Map<string, unknown> | undefined>)[
    Symbol.for("pulumi-jumpcloud-access.group-styles")
  ]?.clear();
});

const resolve = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((done) => output.apply(done));
const graphInputs = () => registered.find((r) => r.type.endsWith(":AccessGraph"))?.inputs ?? {};

describe("AccessGraph SDK class", () => {
  it("registers the access-graph kind under the documented type token with its inputs", async () => {
    const graph = new AccessGraph("graph", { redactEmails: true, outputDir: "review", maxInlineBytes: 1000 });
    await resolve(graph.urn);
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
    await resolve(graph.urn);
    expect(graphInputs().managedEdgeIds).toEqual(["app/user_group/g", "eng/a@example.com", "g/1", "g/2"]);
  });

  it("serializes a provider that holds no configuration and loads the implementation at call time", async () => {
    const graph = new AccessGraph("graph", {});
    await resolve(graph.urn);
    const serialized = String(graphInputs().__provider);
    expect(serialized).toContain('require("pulumi-jumpcloud-access/dynamic")');
    expect(serialized).toContain("access-graph");
    expect(serialized).not.toContain("fullSync");
    expect(serialized).not.toContain("apiKey");
    expect(serialized.length).toBeLessThan(4096);
  });
});
