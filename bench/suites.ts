import { emulatorSuite } from "./emulator";
import type { BenchSuite } from "./report";
import { resourcesSuite } from "./resources";
import { reviewSuite } from "./review";
import { scaleSmallSuite, scaleSuite } from "./scale";
import { syncSuite } from "./sync";

/** Every benchmark suite `npm run bench` runs, in order. Add a suite by adding one line. */
export const suites: BenchSuite[] = [emulatorSuite, syncSuite, reviewSuite, resourcesSuite, scaleSuite];

/** Suites run only when named (`npm run bench -- scale-small`): quicker variants for checking a benchmark itself. */
export const onDemandSuites: BenchSuite[] = [scaleSmallSuite];
