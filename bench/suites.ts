import { emulatorSuite } from "./emulator";
import type { BenchSuite } from "./report";
import { resourcesSuite } from "./resources";
import { reviewSuite } from "./review";
import { syncSuite } from "./sync";

/** Every benchmark suite `npm run bench` runs, in order. Add a suite by adding one line. */
export const suites: BenchSuite[] = [emulatorSuite, syncSuite, reviewSuite, resourcesSuite];
