import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each end-to-end file runs the real Pulumi engine; two at a time is what a 2-core machine takes.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
