import * as pulumi from "@pulumi/pulumi";

/**
 * Refuses a keyed set whose map has a key Pulumi cannot carry. Pulumi copies inputs into fresh objects by
 * assignment, and assigning `__proto__` replaces the prototype instead of adding the key: the entry would vanish
 * between the program and the provider, and an exclusive set would then revoke that group or role. Values known
 * only later are checked when they resolve.
 */
export function refuseUnsendableKeys(
  kind: string,
  resource: string,
  property: string,
  map: pulumi.Input<Record<string, unknown>> | undefined,
): void {
  const check = (known: unknown) => {
    if (typeof known !== "object" || known === null || !Object.hasOwn(known, "__proto__")) return;
    throw new pulumi.RunError(
      `${kind} "${resource}": ${property} has the key "__proto__", which Pulumi cannot pass to the provider (it would be dropped). Declare that object by id instead (its 24-character JumpCloud id as the key).`,
    );
  };
  if (pulumi.Output.isInstance(map) || map instanceof Promise) pulumi.output(map).apply(check);
  else check(map);
}
