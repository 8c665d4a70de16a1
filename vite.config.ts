import { defineConfig } from 'vitest/config';

// base './' keeps every asset URL relative, so the built site works from any sub-folder.
export default defineConfig({
  base: './',
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', './src/testing/countReporter.ts'],
  },
});
