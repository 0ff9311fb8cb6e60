import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most files wait on PostgreSQL, a child process or a socket, not the CPU: on a 2-core machine
    // vitest's default (cores − 1 = one file at a time) leaves it idle half the run.
    maxWorkers: 3,
  },
});
