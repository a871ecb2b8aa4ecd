import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApplicationAssignments } from "../../sdk";
import { type Registered, recordRegistrations, resolveOutput, startProgram } from "../helpers/pulumi-mocks";

// The ApplicationAssignments class under Pulumi's mocks: what it registers, and the warnings it gives about its keys.
const registered: Registered[] = [];
beforeAll(() => recordRegistrations(registered, ({ name, inputs }) => ({ id: name, state: inputs })));
beforeEach(() => startProgram(registered));

const KELVIN = "\u212A";

describe("ApplicationAssignments (SDK)", () => {
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    // Without an engine (mocks), the SDK prints log messages with console.warn.
    vi.spyOn(console, "warn").mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("registers its type token with the kind's provider and every output, and warns about look-alike user keys", async () => {
    const look = `${KELVIN}ate@acme.example`;
    const set = new ApplicationAssignments("github", {
      applicationName: "GitHub",
      groups: { engineering: {} },
      users: pulumi.output({ [look]: { ticket: "OPS-1" }, "alice@acme.example": {}, "0123456789abcdef01234567": {} }),
      exclusive: true,
    });
    await resolveOutput(set.urn);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [one] = registered;
    expect(one?.type).toBe("pulumi-nodejs:dynamic/jumpcloud:ApplicationAssignments");
    expect(String(one?.inputs.__provider)).toContain('"application-assignments"');
    expect(one?.inputs).toMatchObject({ applicationName: "GitHub", groups: { engineering: {} }, exclusive: true });
    // Every output of the kind's schema is a property of the class (undefined placeholders make the engine fill them).
    for (const output of [set.groupIds, set.userIds, set.grantIds, set.missingUsers, set.extraGroups, set.adopted]) {
      expect(pulumi.Output.isInstance(output)).toBe(true);
    }
    expect(warnings).toEqual([
      `warning: [runtime] users: "${look}" contains non-ASCII characters (U+212A): it is a different address from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean.`,
    ]);
  });
});
