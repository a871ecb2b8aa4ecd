import { beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { client, SMALL_ORG } from "./fixtures";
import { OpenApiValidator } from "./openapi-validator";

/** The validator itself: it must accept the spec's shapes and reject a shape changed away from them. */
describe("OpenAPI response validator", () => {
  let validator: OpenApiValidator;
  beforeAll(() => {
    validator = new OpenApiValidator();
  });

  const group = {
    id: "5f1e3c9a2b4d6e8f0a1b2c3d",
    name: "engineering",
    description: "",
    email: "",
    type: "user_group",
    membershipMethod: "STATIC",
    memberQuery: null,
    attributes: null,
  };

  it("maps emulator routes to the spec's paths", () => {
    expect(validator.specPath("v2", "/api/v2/usergroups/{id}/members")).toBe("/usergroups/{group_id}/members");
    expect(validator.specPath("v1", "/api/systemusers/{id}")).toBe("/systemusers/{id}");
    // `/users` is in the v1 document with no GET: listing admins is undocumented.
    expect(validator.responseSchema("v1", "/api/users", "GET", 200).documented).toBe(false);
    expect(validator.responseSchema("v1", "/api/users/{id}", "PUT", 200).documented).toBe(true);
  });

  it("accepts a well-formed user group list and rejects one whose shape was changed", () => {
    const ok = validator.validateResponse("v2", "/api/v2/usergroups", "GET", 200, [group]);
    expect(ok.errors).toEqual([]);
    expect(ok.valid).toBe(true);
    const wrongType = validator.validateResponse("v2", "/api/v2/usergroups", "GET", 200, [{ ...group, type: "group" }]);
    expect(wrongType.valid).toBe(false);
    expect(wrongType.errors.map((e) => e.instancePath)).toContain("/0/type");
    const wrongMethod = validator.validateResponse("v2", "/api/v2/usergroups", "GET", 200, [
      { ...group, membershipMethod: "MANUAL" },
    ]);
    expect(wrongMethod.valid).toBe(false);
    const envelope = validator.validateResponse("v2", "/api/v2/usergroups", "GET", 200, {
      totalCount: 1,
      results: [group],
    });
    expect(envelope.valid).toBe(false);
  });

  it("rejects a traversal result without paths and a v1 envelope whose total is a string", () => {
    const traversal = { id: group.id, type: "user_group", compiledAttributes: null };
    const result = validator.validateResponse("v2", "/api/v2/users/{id}/memberof", "GET", 200, [traversal]);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.message?.includes("paths"))).toBe(true);
    const users = validator.validateResponse("v1", "/api/systemusers", "GET", 200, { totalCount: "3", results: [] });
    expect(users.valid).toBe(false);
  });

  it("knows a 204 graph write has no body and that an undocumented status is undocumented", () => {
    expect(validator.validateResponse("v2", "/api/v2/usergroups/{id}/members", "POST", 204, undefined).valid).toBe(
      true,
    );
    expect(validator.validateResponse("v2", "/api/v2/usergroups/{id}/members", "POST", 204, { ok: true }).valid).toBe(
      false,
    );
    expect(validator.validateResponse("v2", "/api/v2/usergroups/{id}/members", "POST", 409, {}).documented).toBe(false);
  });

  it("fails a real emulator answer once its shape is changed away from the spec", async () => {
    const emulator = await startEmulator({ org: SMALL_ORG });
    try {
      const api = client(emulator.url, emulator.apiKey);
      const users = (await api("GET", "/api/systemusers")).json;
      expect(validator.validateResponse("v1", "/api/systemusers", "GET", 200, users).valid).toBe(true);
      users.results[0].state = "ACTIVE";
      const changed = validator.validateResponse("v1", "/api/systemusers", "GET", 200, users);
      expect(changed.valid).toBe(false);
      expect(changed.errors[0]?.instancePath).toBe("/results/0/state");
      const members = (
        await api("GET", `/api/v2/usergroups/${(await api("GET", "/api/v2/usergroups")).json[0].id}/members`)
      ).json;
      const template = "/api/v2/usergroups/{id}/members";
      expect(validator.validateResponse("v2", template, "GET", 200, members).valid).toBe(true);
      const flattened = members.map((m: { to: { id: string } }) => ({ id: m.to.id, type: "user" }));
      expect(validator.validateResponse("v2", template, "GET", 200, flattened).valid).toBe(false);
    } finally {
      await emulator.stop();
    }
  });
});
