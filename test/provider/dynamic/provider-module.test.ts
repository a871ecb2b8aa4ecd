import { describe, expect, it } from "vitest";
import * as dynamic from "../../../provider/dynamic";
import { providerModule } from "../../../sdk/shim";

/**
 * Runs the provider module the SDK stores in state the way Pulumi's dynamic-provider host does (compile the text as a
 * module, call `handler()`), with `require("pulumi-jumpcloud-access/dynamic")` answered by this checkout's entry.
 */
function load(kind: string): dynamic.KindProvider {
  const module = { exports: {} as { handler?: () => dynamic.KindProvider } };
  const requireEntry = (id: string) => {
    if (id !== "pulumi-jumpcloud-access/dynamic") throw new Error(`the provider module required ${id}`);
    return dynamic;
  };
  new Function("exports", "require", "module", providerModule(kind))(module.exports, requireEntry, module);
  const handler = module.exports.handler;
  if (!handler) throw new Error("the provider module exports no handler");
  return handler();
}

describe("the provider module stored in state", () => {
  it("returns the kind's provider: every method Pulumi calls, answering as the kind does", async () => {
    const provider = load("user-group-members");
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) {
      expect(typeof provider[method]).toBe("function");
    }
    // Input validation needs no connection: a malformed input is a check failure naming the property.
    const checked = await provider.check({}, { groupName: "eng", members: { "not an email": {} } });
    expect(checked.failures?.map((f) => f.property)).toContain("members.not an email");
  });

  it("fails with the upgrade hint for a kind this version does not have, only when the engine calls it", async () => {
    const provider = load("kind-from-the-future");
    await expect(provider.create({})).rejects.toThrow(/no resource kind "kind-from-the-future"/);
  });

  it("names the kind as a JSON string, so no kind name can break out of the module text", () => {
    const odd = 'a"); throw new Error("escaped';
    const provider = load(odd);
    expect(providerModule(odd)).toContain(JSON.stringify(odd));
    return expect(provider.create({})).rejects.toThrow(`no resource kind "${odd}"`);
  });
});
