import { z } from "zod";
import { JumpCloudError } from "../errors";
import { JUMPCLOUD_ID } from "../ids";
import { type AccessGraphOutputs, accessGraphOutputs } from "../review/access-graph-outputs";
import { canonicalJson } from "../review/canonical-json";
import { writeReviewReports } from "../review/files/write-reports";
import type { AccessGraph } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { isUnknown } from "./inputs";
import { LatestGraphMemo } from "./latest-graph-memo";
import type { CheckFailure, Props, ResourceKind } from "./resource-kind";

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
    .regex(JUMPCLOUD_ID, "must be a JumpCloud organization id (24 hexadecimal characters)")
    .optional(),
});

const INPUT_KEYS = ["managedEdgeIds", "redactEmails", "outputDir", "maxInlineBytes", "orgId"] as const;

/** The inputs after validation; the type comes from the schema. */
export type AccessGraphInputs = z.output<typeof inputsSchema>;

/** The inputs as given (unknown values during preview are left out of validation, not rejected). */
function pickInputs(props: Props): Props {
  const out: Props = {};
  for (const key of INPUT_KEYS) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out;
}

function parseInputs(props: Props, what: string): AccessGraphInputs {
  const result = inputsSchema.safeParse(pickInputs(props));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new JumpCloudError("invalid_input", `AccessGraph ${what}: ${issue?.path.join(".")} ${issue?.message}.`);
}

/** A sync that fails in `diff` fails the operation: "no changes" would vouch for a graph nobody checked. */
function diffSyncFailed(error: unknown): JumpCloudError {
  const cause = error instanceof Error ? error.message : String(error);
  return new JumpCloudError(
    error instanceof JumpCloudError ? error.code : "unavailable",
    `AccessGraph: cannot tell whether the published access graph is current, because syncing the organization ` +
      `failed: ${cause}`,
    {
      hint:
        "Nothing was published and JumpCloud was not changed by the graph; fix the cause above and run the command " +
        "again.",
      cause: error,
    },
  );
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
 * The AccessGraph resource: a full sync on create, on every diff, update and refresh (read), published as outputs
 * (summary, reviews, unmanaged, graph, contentHash) and optionally as report files. It writes nothing to JumpCloud.
 *
 * `pulumi up` publishes the graph as it is after the update: the SDK makes the resource depend on its policies, so
 * the engine diffs it only once their grants are written; `diff` syncs and reports a change when the content hash
 * differs from the published one, and the update publishes that same sync. With `--refresh`, `read` first publishes
 * the graph as it was before the update, and the diff then moves it on to the state after it. Resources removed from
 * the program are deleted after every registration, so after the graph: the next update publishes their removal.
 *
 * An unchanged organization hashes the same, so `pulumi up --expect-no-changes` stays a usable drift gate; so does
 * `pulumi refresh --expect-no-changes`, as `read` returns the previous outputs untouched when the content is equal.
 */
export function accessGraphKind(context: () => ResourceContext): ResourceKind {
  /** Graphs synced by `diff`, handed to the `update` that follows in the same process. */
  const syncedByDiff = new LatestGraphMemo();

  /**
   * Syncs the organization from scratch. Deliberately not the context's sync cache: that snapshot was taken before
   * this run's writes, and a review must show JumpCloud as it is after them.
   */
  const freshSync = (orgId: string | undefined): Promise<AccessGraph> => context().api(orgId).sync();

  async function publish(inputs: AccessGraphInputs, synced?: AccessGraph): Promise<{ id: string; outs: Props }> {
    const graph = synced ?? (await freshSync(inputs.orgId));
    const { outputs, report } = accessGraphOutputs(graph, inputs);
    if (inputs.outputDir) await writeReviewReports(inputs.outputDir, report);
    return { id: `access-graph/${graph.org.id ?? "default"}`, outs: { ...inputs, ...outputs } };
  }

  return {
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

    /**
     * Changes when the inputs changed or when JumpCloud's access no longer matches the published content hash. The
     * comparison needs a sync (reads only, also during preview); its graph is kept for the update that follows.
     */
    async diff(_id: string, olds: Props, news: Props) {
      const changed = INPUT_KEYS.filter((key) => {
        if (isUnknown(news[key])) return true;
        return canonicalJson(olds[key] ?? null) !== canonicalJson(news[key] ?? null);
      });
      // Unknown inputs occur only in a preview, which runs no update: the resource changes, and a sync shows nothing.
      if (INPUT_KEYS.some((key) => isUnknown(news[key]))) return { changes: true };
      const inputs = parseInputs(news, "inputs");
      const api = context().api(inputs.orgId);
      let graph: AccessGraph;
      try {
        graph = await syncedByDiff.remember(orgKey(inputs.orgId), () => api.sync());
      } catch (error) {
        throw diffSyncFailed(error);
      }
      const { outputs } = accessGraphOutputs(graph, inputs);
      // Outputs written by an older version (no content hash) are refreshed by an update as well.
      return { changes: changed.length > 0 || outputs.contentHash !== olds.contentHash };
    },

    async create(inputs: Props) {
      return publish(parseInputs(inputs, "inputs"));
    },

    async read(id: string, props: Props) {
      const fresh = await publish(parseInputs(props, "state"));
      return { id, props: sameContent(props, fresh.outs) ? props : fresh.outs };
    },

    async update(_id: string, _olds: Props, news: Props) {
      const inputs = parseInputs(news, "inputs");
      // The diff just before this update synced after every dependency had been written: publish that graph.
      // If that sync failed meanwhile (a later diff's), sync here instead.
      const synced = await syncedByDiff.latest(orgKey(inputs.orgId))?.catch(() => undefined);
      const fresh = await publish(inputs, synced);
      return { outs: fresh.outs };
    },

    // The resource holds no access and JumpCloud has nothing to undo. Report files in outputDir are left in place:
    // they are the record of a review, and deleting a directory a user named is not ours to do.
    async delete() {},
  };
}

export type { AccessGraphOutputs };
