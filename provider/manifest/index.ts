/** The access manifest: loading, validation and the grants it asks for. Pure: no Pulumi, no API calls. */
export * from "./from-graph";
export * from "./load-manifest";
export * from "./locate";
export * from "./manifest-error";
export * from "./manifest-grant";
export { accessManifestSchema } from "./manifest-schema";
export * from "./parse-manifest";
export * from "./plan-grants";
export type * from "./types";
export * from "./revoked-grants";
export { isCalendarDay } from "./calendar-day";
export * from "./write-manifest";
