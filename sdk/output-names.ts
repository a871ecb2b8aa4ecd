import type { z } from "zod";

/**
 * Every output must be a key of the props given to the engine, or the class's output property stays undefined;
 * inputs the program sets override these placeholders. The names come from the kind's output schema, so the SDK
 * class and the behaviour cannot disagree on them.
 */
export function outputNames(schema: z.ZodObject): Record<string, undefined> {
  return Object.fromEntries(Object.keys(schema.shape).map((n) => [n, undefined]));
}
