/** True in test and demo builds (HAILER_TEST_BUILD=1): loopback hosts, open shadow root, test hooks. */
declare const __HAILER_TEST_BUILD__: boolean;
