/**
 * Name patterns for choosing what `jumpcloud-access import` writes: `*` is any run of characters, `?` one character,
 * everything else literal. Matching ignores case, as JumpCloud's own name lookups fall back to doing.
 */
export interface NameGlob {
  /** The pattern as given, for messages. */
  pattern: string;
  test(name: string): boolean;
}

export function nameGlob(pattern: string): NameGlob {
  const source = [...pattern]
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${source}$`, "is");
  return { pattern, test: (name) => regex.test(name) };
}

/**
 * The patterns of a repeatable option whose values may also be comma lists (`--groups 'eng-*,ops'`), blanks
 * dropped. A name with a comma in it can still be matched with `?` in place of the comma.
 */
export function splitPatterns(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(",")).flatMap((part) => (part.trim() === "" ? [] : [part.trim()]));
}
