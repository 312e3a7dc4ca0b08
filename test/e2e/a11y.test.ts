// axe-core on every surface Hailer draws, in Chromium, in the light and the dark theme (the design
// tokens follow prefers-color-scheme): the compose panel (inside its shadow root), the popup, the
// options page, the welcome page and the teach frame. No serious or critical violations. And the
// page's own colours never reach the panel.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launch, type Harness } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
  // The simulator plays every hosted region, so the welcome page's Connect gets Intercom's answer.
  const region = { apiBaseUrl: h.sim.apiBaseUrl, appBaseUrl: h.sim.appBaseUrl };
  await h.worker.evaluate((r) => (globalThis as any).chrome.storage.local.set({ simulatedRegions: { us: r, eu: r, au: r } }), region);
});
afterAll(async () => {
  await h?.close();
});

type Violation = { id: string; impact: string; help: string; nodes: { target: unknown }[] };

/** Runs axe on `selector` (or the whole page) and returns the serious and critical violations. */
async function seriousViolations(page: Page | Frame, selector?: string): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const { violations, passed } = (await page.evaluate(async (sel) => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(sel ? document.querySelector(sel) : document);
    return {
      violations: result.violations.map((v: Violation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) })),
      passed: result.passes.length,
    };
  }, selector)) as { violations: Violation[]; passed: number };
  expect(passed, 'axe checked the page').toBeGreaterThan(5); // it really looked (into the shadow root too)
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function themed(path: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await h.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(path.startsWith('http') ? path : `chrome-extension://${h.extensionId}/${path}`);
  return page;
}

/** The colour the page's theme draws text in (the `--fg` token), as the browser computes it. */
const bodyText = (page: Page) => page.evaluate(() => getComputedStyle(document.body).color);

describe.each(['light', 'dark'] as const)('accessibility (axe-core), %s theme', (theme) => {
  it('compose panel, open, email channel', async () => {
    const page = await themed(`${h.demo!.url}/customers/usr_1001`, theme);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.locator('.recipient[data-contact-id]').waitFor();
    await page.getByRole('radio', { name: 'Email' }).check();
    expect(await seriousViolations(page, 'hailer-compose')).toEqual([]);
    await page.close();
  });

  it('popup, with Scheduled and Sent history unfolded', async () => {
    const popup = await themed('popup.html?kind=email&value=jane%40acme.test', theme);
    await popup.locator('.recipient[data-contact-id]').waitFor();
    await popup.getByRole('button', { name: 'Scheduled' }).click();
    await popup.getByRole('button', { name: 'Sent history' }).click();
    await popup.getByLabel('Search history').waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    expect(await bodyText(popup)).toBe(theme === 'light' ? 'rgb(31, 35, 40)' : 'rgb(230, 237, 243)');
    await popup.close();
  });

  it('options, with a custom address and the workspace disclosure open', async () => {
    const options = await themed('options.html', theme);
    await options.getByLabel('Region').selectOption({ label: 'Custom' });
    await options.getByText('How pages choose a workspace').click();
    await options.getByLabel('Undo window (seconds)').fill('0');
    await options.getByText('Saved automatically').waitFor();
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });

  it('welcome page, before and after a token no region accepts', async () => {
    const welcome = await themed('welcome.html', theme);
    await welcome.getByLabel('Access token').waitFor();
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.getByLabel('Access token').fill('a-token-no-region-knows');
    await welcome.getByRole('button', { name: 'Connect' }).click();
    await welcome.getByRole('alert').getByText('No Intercom region').waitFor();
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.close();
  });

  it('teach frame', async () => {
    const desk = `${h.demo!.url.replace('127.0.0.1', 'localhost')}/desk/tickets/5002`;
    const page = await themed(desk, theme);
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, desk);
    const popup = await themed(`popup.html?tab=${tabId}`, theme);
    await popup.getByRole('button', { name: 'Teach Hailer this page' }).click();
    await page.locator('hailer-picker').getByRole('status').waitFor();
    if (!popup.isClosed()) await popup.close();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.frameLocator('hailer-picker iframe').getByRole('button', { name: 'Save rule' }).waitFor();
    const frame = page.frames().find((f) => f.url().includes('/teach.html'))!;
    expect(await seriousViolations(frame)).toEqual([]);
    await page.close();
  });
});

describe('the page never styles the panel', () => {
  it.each(['light', 'dark'] as const)('%s: a page forcing its colours, fonts and color-scheme on everything leaves the panel in Hailer’s tokens', async (theme) => {
    const page = await themed(`${h.demo!.url}/customers/usr_1001`, theme);
    await page.addStyleTag({
      content: ':root { color-scheme: only dark; } * { color: #ff00ff !important; background: #00ff00 !important; font: 30px serif !important; border-color: #ff0000 !important; }',
    });
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.locator('.recipient[data-contact-id]').waitFor();
    const look = await page.locator('hailer-compose').evaluate((host) => {
      const root = host.shadowRoot!;
      const style = (el: Element) => getComputedStyle(el);
      const panel = style(root.querySelector('.hailer-panel')!);
      const send = style(root.querySelector('button.send')!);
      return { panel: [panel.color, panel.backgroundColor, panel.fontSize], send: [send.color, send.backgroundColor] };
    });
    expect(look).toEqual(
      theme === 'light'
        ? { panel: ['rgb(31, 35, 40)', 'rgb(255, 255, 255)', '14px'], send: ['rgb(255, 255, 255)', 'rgb(9, 105, 218)'] }
        : { panel: ['rgb(230, 237, 243)', 'rgb(21, 27, 35)', '14px'], send: ['rgb(13, 17, 23)', 'rgb(68, 147, 248)'] },
    );
    await page.close();
  });
});
