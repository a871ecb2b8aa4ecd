import { readFile } from "node:fs/promises";
import { JumpCloudError } from "../../errors";
import type { AccessGraph } from "../../sync/graph";
import { graphFromJsonText } from "../parse-graph";

/** Reads an access graph file (graph.json, or the AccessGraph resource's outputs as JSON). */
export async function loadAccessGraph(file: string): Promise<AccessGraph> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `Cannot read the access graph file ${file}.`, {
      hint: "Check the path.",
      cause,
    });
  }
  return graphFromJsonText(text, file);
}
