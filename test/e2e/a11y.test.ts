// axe-core on the compose panel (inside its shadow root), the popup and the options page, in
// Chromium: no serious or critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

type Violation = { id: string; impact: string; help: string; nodes: { target: unknown }[] };

/** Runs axe on `selector` (or the whole page) and returns the serious and critical violations. */
async function seriousViolations(page: Page, selector?: string): Promise<Violation[]> {
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

describe('accessibility (axe-core)', () => {
  it('compose panel, open, email channel', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.locator('.recipient[data-contact-id]').waitFor();
    await page.getByRole('radio', { name: 'Email' }).check();
    expect(await seriousViolations(page, 'hailer-compose')).toEqual([]);
    await page.close();
  });

  it('popup', async () => {
    const popup = await h.extensionPage('popup.html?kind=email&value=jane%40acme.test');
    await popup.locator('.recipient[data-contact-id]').waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('options', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Region').selectOption({ label: 'Custom' });
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });
});
