import type { Command } from "../command";
import { emulatorCommand } from "./emulator";
import { importCommand } from "./import";
import { reviewCommand } from "./review";
import { syncCommand } from "./sync";

/** Every subcommand, in the order `--help` lists them. Each lives in its own file beside this one. */
export const commands: readonly Command[] = [syncCommand, importCommand, reviewCommand, emulatorCommand];
