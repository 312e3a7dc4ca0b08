/**
 * True in test and demo builds (HAILER_TEST_BUILD=1), and the only differences from a release build:
 * loopback hosts granted (wxt.config.ts), the picker's open shadow root, test hooks on the
 * background, shorter Intercom timeouts, a team rules address on plain http at the loopback host
 * (utils/detect/team-rules-address.ts), where the e2e tests serve the file, and hosted regions the
 * simulator may play (`storage.local.simulatedRegions`, utils/onboarding/first-run.ts).
 */
declare const __HAILER_TEST_BUILD__: boolean;
