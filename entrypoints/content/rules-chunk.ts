// The team-rule engine as a chunk of its own (built by modules/panel-chunk.ts): the content script
// imports it at start on pages a rule names, so the launcher on every other page stays small.
export { applyRule } from '@/utils/detect/rules';
