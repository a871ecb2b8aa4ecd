/**
 * pulumi-jumpcloud-access: JumpCloud group memberships, application assignments and admin role grants as Pulumi
 * resources.
 */
export { Noop, type NoopArgs } from "./noop";
