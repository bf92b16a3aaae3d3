import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start local servers and child processes; two cores are all CI has.
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
