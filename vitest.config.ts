import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"], environment: "node" },
      },
      {
        test: { name: "contracts", include: ["packages/contracts/src/**/*.test.ts"], environment: "node" },
      },
      {
        test: { name: "web", include: ["packages/web/src/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        test: {
          name: "server",
          include: ["packages/server/test/**/*.test.ts"],
          environment: "node",
          globalSetup: ["packages/server/test/global-setup.ts"],
          // The embedded database takes one connection at a time: test files take turns.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
