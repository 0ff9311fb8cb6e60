import { defineConfig } from "vitest/config";

// The end-to-end journey: a real server as a child process, driven through Chromium.
// No globalSetup: the server brings its own database (embedded, or TEST_DATABASE_URL).
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
