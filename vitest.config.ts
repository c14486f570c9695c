import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["{engine,adapters,simulators,tenants,harness,scenarios}/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
