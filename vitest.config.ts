import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  test: {
    projects: [
      {
        // Extension code under WXT's plugin: `browser` is the in-memory fake browser.
        plugins: [WxtVitest(), preact()],
        // As in a release build (wxt.config.ts defines it for real builds).
        define: { __HAILER_TEST_BUILD__: 'false' },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        // Node-side tests of the Intercom simulator and of our requests against the OpenAPI description.
        test: { name: 'contract', include: ['test/contract/**/*.test.{ts,mjs}'], testTimeout: 30_000 },
      },
      {
        // The built extension in real Chromium against the simulator and the demo console.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // The Firefox test build in Debian's Firefox ESR over WebDriver BiDi (test/e2e/firefox.mjs).
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // After the other projects, not beside Chromium: two browsers on two cores time out.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
