/** The resource-kind shapes, where the kinds registered here (and the `./dynamic` export's users) expect them. */
export type * from "../resources/resource-kind";
export type { ConfigSource } from "./process-context";
