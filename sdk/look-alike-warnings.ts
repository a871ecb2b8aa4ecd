import * as pulumi from "@pulumi/pulumi";
import { nonAsciiAddressWarning } from "../provider/ascii-fold";

/**
 * A warning on the resource, shown by `pulumi preview` and `pulumi up`, for each email address it is given that
 * contains non-ASCII characters. Such an address is matched exactly (only ASCII case is ignored), so it never
 * reaches the ASCII account it may look like; the warning lets a reviewer notice a look-alike written into code.
 * Values not known yet (outputs of other resources during a preview) are checked when they are.
 */
export function warnOnLookAlikeAddresses(
  resource: pulumi.Resource,
  property: string,
  value: pulumi.Input<string> | pulumi.Input<pulumi.Input<string>[]> | undefined,
): void {
  if (value === undefined) return;
  pulumi.output(value).apply((known) => warnEach(resource, property, Array.isArray(known) ? known : [known]));
}

/** The same for the keys of a map keyed by email (`users` of an `ApplicationAssignments`); ids pass silently. */
export function warnOnLookAlikeKeys(
  resource: pulumi.Resource,
  property: string,
  value: pulumi.Input<Record<string, unknown>> | undefined,
): void {
  if (value === undefined) return;
  pulumi.output(value).apply((known) => {
    if (typeof known === "object" && known !== null) warnEach(resource, property, Object.keys(known));
  });
}

function warnEach(resource: pulumi.Resource, property: string, addresses: readonly unknown[]): void {
  for (const address of addresses) {
    const warning = typeof address === "string" ? nonAsciiAddressWarning(address.trim()) : undefined;
    if (warning) void pulumi.log.warn(`${property}: ${warning}`, resource);
  }
}
