#!/usr/bin/env node
// `node test/intercom-simulator/cli.mjs [--port N] [--latency MS] [--no-conversation-id] [--index-delay MS] [--documented-answers]`
// Starts the simulator, prints one JSON line {"url", "token"} and runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startSimulator } from './index.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    'no-conversation-id': { type: 'boolean', default: false },
    'index-delay': { type: 'string', default: '0' },
    // Answers shaped as Intercom's documented examples (see documented-answers.mjs).
    'documented-answers': { type: 'boolean', default: false },
  },
});

const number = (flag) => {
  const n = Number(values[flag]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${flag} must be a whole number ≥ 0 (got ${values[flag]})`);
    process.exit(2);
  }
  return n;
};

const sim = await startSimulator({
  port: number('port'),
  latencyMs: number('latency'),
  includeConversationId: !values['no-conversation-id'],
  conversationIndexDelayMs: number('index-delay'),
  documentedAnswers: values['documented-answers'],
});
console.log(JSON.stringify({ url: sim.url, token: sim.token }));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => sim.close().then(() => process.exit(0)));
}
