/**
 * Pulumi's mocks for tests that run a program's constructors without the engine: every registered resource is
 * recorded, and the test decides the id and state the mock provider answers with.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Installs the mocks (call it in `beforeAll`); each registration is appended to `registered`. */
export function recordRegistrations(
  registered: Registered[],
  respond: (resource: Registered) => { id: string; state: Record<string, unknown> },
): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const resource = { type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> };
        registered.push(resource);
        return respond(resource);
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
}

/**
 * Starts a new "program": forgets what was registered and the SDK's per-program claims of a management style per
 * group (the SDK refuses two styles on one group within one program, so tests would otherwise see each other's).
 */
export function startProgram(registered: Registered[]): void {
  registered.length = 0;
  (globalThis as Record<symbol, Map<string, unknown> | undefined>)[
    Symbol.for("pulumi-jumpcloud-access.group-styles")
  ]?.clear();
}

export const resolveOutput = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((done) => output.apply(done));
