// @vitest-environment happy-dom
// Bad input, generated: every entry point that takes outside data answers with a typed result or a
// typed error, never a crash and never a send. 10,000 cases per property (about 10 s in all);
// FUZZ_RUNS=100000 npm run test:unit for a longer hunt.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '../../utils/router';
import { calls } from '../../utils/protocol';
import { prepareMessage } from '../../utils/compose/outgoing-message';
import { HailerError, errorCodes } from '../../utils/errors';
import { detectRecipient } from '../../utils/detect';
import { parseRulesJson } from '../../utils/detect/team-rules';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
vi.setConfig({ testTimeout: 120_000 });
const self = { id: 'hailer', origin: 'chrome-extension://hailer/' };

const anyJson = fc.jsonValue({ maxDepth: 4 });
const senders = fc.constantFrom<Runtime.MessageSender>(
  { id: 'hailer', url: 'https://console.acme.test/x', tab: { id: 1 } as never },
  { id: 'hailer', url: 'chrome-extension://hailer/popup.html' },
  { id: 'other', url: 'chrome-extension://other/x' },
  {},
);

describe('router under generated messages', () => {
  it('always answers a typed reply, and never reaches a handler with a malformed payload', async () => {
    const sent = vi.fn();
    const handlers = Object.fromEntries(
      Object.keys(calls).map((name) => [name, name === 'message.send' ? async () => (sent(), {}) : async () => ({})]),
    ) as unknown as Handlers;
    const route = createRouter(handlers, self);
    const message = fc.oneof(
      anyJson,
      fc.record({ hailer: fc.constantFrom(1, 2, '1'), call: fc.oneof(fc.constantFrom(...Object.keys(calls), 'toString', '__proto__'), fc.string()), payload: anyJson }),
    );
    await fc.assert(
      fc.asyncProperty(message, senders, async (m, sender) => {
        const reply = await route(m, sender);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(errorCodes).toContain(reply.error.code);
      }),
      { numRuns: runs },
    );
    expect(sent).not.toHaveBeenCalled(); // no generated payload was a valid send
  });
});

describe('draft validation under generated drafts', () => {
  it('returns a message or throws a HailerError, nothing else', () => {
    const draft = fc.oneof(
      anyJson,
      fc.record(
        {
          channel: fc.constantFrom('in_app', 'email', 'inapp', ''),
          subject: fc.string({ maxLength: 300 }),
          template: fc.constantFrom('plain', 'personal', 'x'),
          body: fc.string({ unit: 'grapheme', maxLength: 2000 }),
          bodyFormat: fc.constantFrom('text', 'html', 'md'),
          fromAdminId: fc.oneof(fc.string(), fc.integer().map(String)),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(draft, (d) => {
        try {
          const m = prepareMessage(d);
          expect(['in_app', 'email']).toContain(m.message_type);
          expect(m.body.trim()).not.toBe('');
          if (m.message_type === 'email') expect(m.subject?.trim()).not.toBe('');
        } catch (e) {
          expect(e).toBeInstanceOf(HailerError);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('detectors under generated pages and URLs', () => {
  it('never throw, and anything they return has a valid shape', () => {
    const attr = fc.constantFrom('data-intercom-contact-id', 'data-intercom-user-id', 'data-intercom-email', 'data-intercom-name', 'data-intercom-primary', 'href', 'class');
    const element = fc.tuple(fc.constantFrom('div', 'a', 'meta', 'span', 'h1'), attr, fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }));
    const page = fc.array(element, { maxLength: 12 }).map((els) =>
      els.map(([tag, a, v, text]) => `<${tag} ${a}="${v.replace(/"/g, '&quot;')}">${text.replace(/</g, '&lt;')}</${tag}>`).join(''),
    );
    const url = fc.oneof(fc.webUrl(), fc.constantFrom('https://app.intercom.com/a/apps/acme/users/6650a1b2c3d4e5f601000001/all', 'https://app.eu.intercom.com/a/inbox/x/inbox/conversation/1'));
    const rule = fc.record({
      id: fc.string({ maxLength: 10 }),
      name: fc.string({ maxLength: 10 }),
      matches: fc.constantFrom('*://*/*', 'https://*/*', '<all_urls>', 'bad'),
      urlIncludes: fc.string({ maxLength: 10 }),
      kind: fc.constantFrom('contact_id', 'user_id', 'email', 'phone'),
      source: fc.oneof(
        fc.record({ from: fc.constant('url'), pattern: fc.string({ maxLength: 20 }) }),
        fc.record({ from: fc.constant('selector'), selector: fc.string({ maxLength: 20 }), attribute: fc.string({ maxLength: 10 }) }),
      ),
    });
    const parser = new DOMParser();
    fc.assert(
      fc.property(page, url, fc.array(rule, { maxLength: 3 }), (html, u, rules) => {
        const found = detectRecipient(parser.parseFromString(html, 'text/html'), new URL(u), rules as never);
        if (found) {
          expect(['contact_id', 'user_id', 'email']).toContain(found.ref.kind);
          expect(found.ref.value.length).toBeGreaterThan(0);
          expect(found.ref.value.length).toBeLessThanOrEqual(255);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('oversized pages', () => {
  it('a megabyte page with thousands of marked elements is handled, not frozen on', () => {
    const rows = Array.from({ length: 8_000 }, (_, i) => `<tr data-intercom-user-id="usr_${i}"><td>${'x'.repeat(100)}</td></tr>`).join('');
    const html = `<table>${rows}</table>`;
    expect(html.length).toBeGreaterThan(1_000_000);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const started = performance.now();
    expect(detectRecipient(doc, new URL('https://console.acme.test/customers'), [])).toBeNull(); // a list, not a customer
    console.log(`1 MB page with 8,000 marked rows: detection took ${(performance.now() - started).toFixed(0)} ms`);
  });
});

describe('team rule import under generated files', () => {
  it('never throws: rules or readable problems', () => {
    const file = fc.oneof(fc.string({ maxLength: 500 }), anyJson.map((j) => JSON.stringify(j)), fc.array(anyJson, { maxLength: 5 }).map((a) => JSON.stringify({ teamRules: a })));
    fc.assert(
      fc.property(file, (text) => {
        const parsed = parseRulesJson(text);
        if (parsed.ok) expect(Array.isArray(parsed.rules)).toBe(true);
        else for (const p of parsed.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });

  it('refuses a 10,000-rule file without freezing', () => {
    const rules = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, name: 'r', matches: 'https://a.test/*', kind: 'email', source: { from: 'selector', selector: '.e' } }));
    const started = performance.now();
    const parsed = parseRulesJson(JSON.stringify(rules));
    expect(parsed.ok).toBe(false);
    console.log(`10,000-rule import refused in ${(performance.now() - started).toFixed(0)} ms`);
  });
});
