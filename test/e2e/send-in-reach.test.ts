// Send always in reach: at 1280×800 and 1280×600, in a new conversation and in a reply, the Send
// button's box lies inside the viewport and is what is drawn at its centre (not clipped by the panel
// or covered), with nothing scrolled; the contact card folds to one line and unfolds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launch, type Harness } from './harness';

const OPEN = '1001'; // Jane's open conversation
let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

/**
 * Inside the viewport with the page unscrolled, and the topmost element at its centre (the panel's
 * shadow root looks). `typed`: the agent's typing may have scrolled the panel's body to the caret;
 * before that, nothing is scrolled at all.
 */
async function expectInReach(page: Page, button: Locator, typed = false) {
  const size = page.viewportSize()!;
  const box = (await button.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  const hit = await page.evaluate(
    ({ x, y }) => {
      const root = document.querySelector('hailer-compose')?.shadowRoot ?? document;
      const el = root.elementFromPoint(x, y);
      return { text: el?.textContent ?? null, scrolled: scrollY, bodyScrolled: (root.querySelector('.panel-body')?.scrollTop ?? -1) !== 0 };
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(hit.text).toBe('Send');
  expect(hit.scrolled).toBe(0);
  if (!typed) expect(hit.bodyScrolled).toBe(false);
}

describe('Send in the in-page panel', () => {
  for (const height of [800, 600]) {
    it(`stays in the viewport at 1280×${height}, new conversation and reply`, async () => {
      const page = await h.context.newPage();
      await page.setViewportSize({ width: 1280, height });
      await page.goto(`${h.demo!.url}/customers/usr_1001`);
      await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
      await page.locator('.recipient[data-contact-id]').waitFor();
      await page.getByRole('region', { name: 'About Jane Cooper' }).locator('dl').waitFor();
      const send = page.getByRole('button', { name: 'Send', exact: true });
      await expectInReach(page, send);
      // A long message, so the body has more than the panel shows.
      await page.getByLabel('Message', { exact: true }).fill(Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`).join('\n'));
      await expectInReach(page, send, true);
      // Later and the shortcut hint share its row.
      expect(await page.getByRole('button', { name: 'Send later' }).isVisible()).toBe(true);

      const picker = page.getByLabel('Conversation', { exact: true });
      await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
      await picker.selectOption(OPEN);
      await page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
      await page.locator('.panel-body').evaluate((body) => body.scrollTo(0, 0));
      await expectInReach(page, send);
      await page.getByLabel('Message', { exact: true }).fill(Array.from({ length: 30 }, (_, i) => `Reply line ${i + 1}`).join('\n'));
      await expectInReach(page, send, true);
      expect(await send.isEnabled()).toBe(true);
      await page.close();
    });
  }

  it('folds the contact card to one line and back, and remembers it', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    const card = page.getByRole('region', { name: 'About Jane Cooper' });
    await card.locator('dl').waitFor();
    const unfolded = (await card.boundingBox())!.height;
    await card.getByRole('button', { name: 'Hide details' }).click();
    expect(await card.locator('dl').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Show details' }).getAttribute('aria-expanded')).toBe('false');
    const folded = (await card.boundingBox())!.height;
    expect(folded).toBeLessThan(unfolded);
    expect(folded).toBeLessThan(60); // one line: the initials and the name
    await page.reload();
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.getByRole('region', { name: 'About Jane Cooper' }).getByRole('button', { name: 'Show details' }).click();
    await page.getByRole('region', { name: 'About Jane Cooper' }).locator('dl').waitFor();
    await page.close();
  });
});
