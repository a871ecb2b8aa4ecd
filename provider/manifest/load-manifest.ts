import { readFileSync } from "node:fs";
import { JumpCloudError } from "../errors";
import { manifestError } from "./manifest-error";
import { type ParsedManifest, type ParseOptions, parseManifest, validateManifest } from "./parse-manifest";

export interface LoadedManifest extends ParsedManifest {
  /** The file name used in messages (as given), or "manifest" for data. */
  file: string;
}

/** Reads and validates a manifest file; throws one `JumpCloudError` listing every problem. */
export function loadManifest(file: string, options: ParseOptions = {}): LoadedManifest {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `Cannot read the access manifest ${file}.`, {
      hint: "Check the path (it is relative to the Pulumi program's directory).",
      cause,
    });
  }
  return parseManifestText(text, file, options);
}

/** Like `loadManifest` for text already in memory; `file` is used only in messages. */
export function parseManifestText(text: string, file: string, options: ParseOptions = {}): LoadedManifest {
  const result = parseManifest(text, options);
  if (!result.ok) throw manifestError(file, result.errors);
  const { ok: _ok, ...parsed } = result;
  return { ...parsed, file };
}

/** Validates a manifest given as an object; throws like `loadManifest`. */
export function loadManifestObject(data: unknown, options: ParseOptions = {}, file = "manifest"): LoadedManifest {
  const result = validateManifest(data, options);
  if (!result.ok) throw manifestError(file, result.errors);
  const { ok: _ok, ...parsed } = result;
  return { ...parsed, file };
}
