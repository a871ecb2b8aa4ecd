import type { Command } from "../command";

/** Every subcommand, in the order `--help` lists them. Each lives in its own file beside this one. */
export const commands: readonly Command[] = [];
