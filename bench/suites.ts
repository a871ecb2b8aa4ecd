import type { BenchSuite } from "./report";

/** Every benchmark suite `npm run bench` runs, in order. Add a suite by adding one line. */
export const suites: BenchSuite[] = [];
