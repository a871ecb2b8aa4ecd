import { z } from "zod";
import { JumpCloudClient } from "../client/jumpcloud-client";
import { resolveClientOptions } from "../config";
import { JumpCloudError } from "../errors";
import { settingsFromConfig } from "../resources/stack-context";
import { isUnknown } from "../resources/inputs";
import { type AccessGraphInputs, type AccessGraphOutputs, accessGraphOutputs } from "../review/access-graph-outputs";
import { canonicalJson } from "../review/canonical-json";
import { writeReviewReports } from "../review/write-reports";
import { fullSync } from "../sync/full-sync";
import type { AccessGraph } from "../sync/graph";
import { currentStackConfig } from "./index";
import type { CheckFailure, Props, ResourceKind } from "./types";

/** 64 MiB: far above any sensible inline size, low enough to refuse a typo of a few zeros. */
const MAX_INLINE_LIMIT = 64 * 1024 * 1024;

const inputsSchema = z.object({
  managedEdgeIds: z
    .array(z.string({ error: "must be a list of grant ids (strings)" }).min(1, "must not contain empty ids"), {
      error: "must be a list of grant ids, e.g. policy.managedEdgeIds",
    })
    .optional(),
  redactEmails: z.boolean({ error: "must be true or false" }).optional(),
  outputDir: z
    .string({ error: "must be a directory path" })
    .refine((s) => s.trim().length > 0, 'must not be empty: give a directory, e.g. "access-review"')
    .optional(),
  maxInlineBytes: z
    .number({ error: "must be a number of bytes" })
    .int("must be a whole number of bytes")
    .min(0, "must not be negative (0 keeps only the summary and the content hash)")
    .max(MAX_INLINE_LIMIT, `must be at most ${MAX_INLINE_LIMIT} bytes: write large graphs to outputDir instead`)
    .optional(),
  orgId: z
    .string({ error: "must be a string" })
    .regex(/^[0-9a-fA-F]{24}$/, "must be a JumpCloud organization id (24 hexadecimal characters)")
    .optional(),
});

const INPUT_KEYS = ["managedEdgeIds", "redactEmails", "outputDir", "maxInlineBytes", "orgId"] as const;

/** The inputs as given (unknown values during preview are left out of validation, not rejected). */
function pickInputs(props: Props): Props {
  const out: Props = {};
  for (const key of INPUT_KEYS) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out;
}

function parseInputs(props: Props, what: string): AccessGraphInputs {
  const result = inputsSchema.safeParse(pickInputs(props));
  if (result.success) return result.data as AccessGraphInputs;
  const issue = result.error.issues[0];
  throw new JumpCloudError("invalid_input", `AccessGraph ${what}: ${issue?.path.join(".")} ${issue?.message}.`);
}

/**
 * Syncs the organization from scratch. Deliberately not the resources' process-wide sync cache: that snapshot was
 * taken before this run's writes, and a review must show JumpCloud as it is after them.
 */
async function freshSync(orgId: string | undefined): Promise<AccessGraph> {
  const settings = settingsFromConfig(currentStackConfig());
  const client = new JumpCloudClient(resolveClientOptions(orgId ? { ...settings, orgId } : settings));
  try {
    return await fullSync(client);
  } finally {
    await client.close();
  }
}

async function publish(inputs: AccessGraphInputs): Promise<{ id: string; outs: Props }> {
  const graph = await freshSync(inputs.orgId);
  const { outputs, report } = accessGraphOutputs(graph, inputs);
  if (inputs.outputDir) await writeReviewReports(inputs.outputDir, report);
  return { id: `access-graph/${graph.org.id ?? "default"}`, outs: { ...inputs, ...outputs } };
}

/** Outputs compared without the sync's time and statistics: a graph whose content did not change is not a change. */
function sameContent(a: Props, b: Props): boolean {
  // `__provider` is the engine's copy of the serialized provider, present in state but not in fresh outputs.
  const strip = (p: Props) => ({
    ...p,
    __provider: undefined,
    summary: { ...(p.summary ?? {}), generatedAt: undefined },
    graph: p.graph ? { ...p.graph, generatedAt: undefined, sync: undefined } : p.graph,
  });
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

/**
 * The AccessGraph resource: a full sync on create, on every update and on every refresh (read), published as
 * outputs (summary, reviews, unmanaged, graph, contentHash) and optionally as report files. It writes nothing to
 * JumpCloud.
 *
 * `pulumi up --refresh` publishes a fresh graph: the refresh calls `read`, which syncs and returns new outputs when
 * the content changed; the update that follows keeps them and the program's stack outputs pick them up. When the
 * content did not change, `read` returns the previous outputs untouched (sync time included), so
 * `pulumi refresh --expect-no-changes` stays a usable drift gate.
 */
export const accessGraph: ResourceKind = {
  async check(_olds: Props, news: Props) {
    const failures: CheckFailure[] = [];
    const known: Props = {};
    for (const key of INPUT_KEYS) if (!isUnknown(news[key])) known[key] = news[key];
    const result = inputsSchema.safeParse(pickInputs(known));
    if (!result.success) {
      for (const issue of result.error.issues) {
        failures.push({ property: String(issue.path[0] ?? ""), reason: `${issue.path.join(".")} ${issue.message}` });
      }
    }
    return { inputs: news, failures };
  },

  async diff(_id: string, olds: Props, news: Props) {
    const changed = INPUT_KEYS.filter((key) => {
      if (isUnknown(news[key])) return true;
      return canonicalJson(olds[key] ?? null) !== canonicalJson(news[key] ?? null);
    });
    // Outputs written by an older version (no content hash) are refreshed by an update as well.
    return { changes: changed.length > 0 || typeof olds.contentHash !== "string" };
  },

  async create(inputs: Props) {
    return publish(parseInputs(inputs, "inputs"));
  },

  async read(id: string, props: Props) {
    const fresh = await publish(parseInputs(props, "state"));
    return { id, props: sameContent(props, fresh.outs) ? props : fresh.outs };
  },

  async update(_id: string, _olds: Props, news: Props) {
    const fresh = await publish(parseInputs(news, "inputs"));
    return { outs: fresh.outs };
  },

  // The resource holds no access and JumpCloud has nothing to undo. Report files in outputDir are left in place:
  // they are the record of a review, and deleting a directory a user named is not ours to do.
  async delete() {},
};

export type { AccessGraphOutputs };
