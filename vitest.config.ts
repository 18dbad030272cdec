import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: !process.env['CI'],
    testTimeout: 60_000,
    pool: 'forks',
    // In CI, also a JSON report, from which .ci/run prints the plain 'N passed, N failed' line.
    ...(process.env['CI'] ? { reporters: ['default', 'json'], outputFile: { json: '.ci/vitest-report.json' } } : {}),
  },
});
