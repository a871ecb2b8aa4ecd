/**
 * The JumpCloud emulator: a real HTTP server with JumpCloud's v1/v2 shapes, for tests, benchmarks, the demo and
 * users' CI. It shares no code with the client in `provider/`.
 */
export { startEmulator, EMULATOR_DEMO_API_KEY } from "./server";
export { loadOrgFile, parseOrgFile } from "./org-file";
export { generateSyntheticOrg } from "./synthetic";
export { DEFAULT_FAULTS } from "./faults";
export { BUILT_IN_ROLES, MULTI_ROLE_NAME } from "./roles";
export type * from "./types";
export { demoOrgPath } from "./demo-org";
