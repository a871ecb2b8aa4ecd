/**
 * Serves the benchmark's emulator from its own process, so its CPU time (rendering and paging 50,000 users) is not
 * charged to the client being measured. Options arrive as JSON in argv; the URL and key leave as one JSON line on
 * stdout; closing stdin stops it. Request counts are read over the emulator's loopback control routes.
 */
import { startEmulator } from "../emulator";
import type { EmulatorOptions } from "../emulator/types";
import { serveFromChild } from "./serve-from-child";

serveFromChild(() => startEmulator(JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions));
