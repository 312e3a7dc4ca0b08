/**
 * True in test and demo builds (HAILER_TEST_BUILD=1): loopback hosts, open shadow root, test hooks,
 * and hosted regions the simulator may play (`storage.local.simulatedRegions`, utils/onboarding/first-run.ts).
 */
declare const __HAILER_TEST_BUILD__: boolean;
