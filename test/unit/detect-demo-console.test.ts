// The demo console's server-rendered pages, fetched for real and run through the detectors with the
// console's preset team rule: each page finds the customer it is meant to show, or nobody.
// (The single-page app needs a browser: test/e2e covers it.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { detectRecipient } from '../../utils/detect';
import { TeamRuleSchema } from '../../utils/detect/team-rules';
import { startDemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';
import type { DetectedRecipient } from '../../utils/protocol';

let demo: { url: string; close(): Promise<void> };
beforeAll(async () => {
  demo = await startDemoConsole({ port: 0 });
});
afterAll(() => demo?.close());

const parser = new new Window().DOMParser();
async function detect(path: string, rules = demoTeamRules(demo.url)) {
  const res = await fetch(`${demo.url}${path}`);
  expect(res.status).toBe(200);
  return detectRecipient(parser.parseFromString(await res.text(), 'text/html') as unknown as Document, new URL(`${demo.url}${path}`), rules);
}
const user = (value: string, displayName: string): DetectedRecipient => ({ ref: { kind: 'user_id', value }, displayName });

describe('demo console', () => {
  it('starts on a loopback address', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/', null],
    ['/customers', null],
    ['/customers/usr_1001', user('usr_1001', 'Jane Cooper')],
    ['/customers/usr_1002', user('usr_1002', 'Marcus Lee')],
    ['/customers/usr_1003', user('usr_1003', 'Priya Shah')],
    ['/customers/usr_1005', user('usr_1005', 'Alex Kim')],
    ['/leads/sam-rivera', { ref: { kind: 'email', value: 'sam.rivera@example.test' }, displayName: 'Sam Rivera' }],
    ['/admin/users', null],
    ['/admin/users/usr_1003', user('usr_1003', 'Priya Shah')],
    ['/legacy/customers/usr_1002', user('usr_1002', 'Marcus Lee')],
    ['/app/', null], // before its script renders anything
  ] as const)('%s', async (path, expected) => {
    expect(await detect(path)).toEqual(expected);
  });

  it('identifies admin user pages only through the team rule', async () => {
    expect(await detect('/admin/users/usr_1001', [])).toBeNull();
    expect(await detect('/admin/users/usr_1001')).toEqual(user('usr_1001', 'Jane Cooper'));
  });

  it('presets a rule that passes import validation and ignores the port', () => {
    const rules = demoTeamRules(demo.url);
    expect(rules.map((r) => TeamRuleSchema.safeParse(r).success)).toEqual(rules.map(() => true));
    expect(rules[0]!.matches).toBe('http://127.0.0.1/*');
  });

  it('answers 404 for pages it does not have', async () => {
    expect((await fetch(`${demo.url}/customers/usr_9999`)).status).toBe(404);
    expect((await fetch(`${demo.url}/admin/users/%E0%A4%A`)).status).toBe(404);
  });
});
