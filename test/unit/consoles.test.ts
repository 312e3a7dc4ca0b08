// @vitest-environment happy-dom
// The page scan and "teach on page A" against saved pages of eight kinds of consoles nobody prepared
// for Hailer (test/fixtures/consoles/: an internal admin, Stripe-, Zendesk-, HubSpot-, Shopify-like
// pages, a Django admin form, a Retool-like app, a web-component portal with shadow DOM and an iframe).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { families, parsePage, scanFamily, teachFamily, team } from '../fixtures/consoles/evaluate';
import { scanPage } from '../../utils/scan/scan';
import { withoutTeam } from '../../utils/scan/exclude';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'consoles');
const read = (file: string) => parsePage(readFileSync(join(dir, file), 'utf8'), new DOMParser());

describe('console fixtures', () => {
  it('has at least 8 families of at least 3 pages, each naming its customer', () => {
    expect(families.length).toBeGreaterThanOrEqual(8);
    for (const f of families) {
      expect(f.pages.length).toBeGreaterThanOrEqual(3);
      for (const p of f.pages) expect(readFileSync(join(dir, p.file), 'utf8')).toContain(p.expect.value);
    }
  });
  it('shows the team on every page, so exclusion is really tested', () => {
    for (const f of families) {
      const teamShown = f.pages.some((p) => withoutTeam(scanPage(read(p.file), new URL(p.url)), team).length < scanPage(read(p.file), new URL(p.url)).length);
      expect(teamShown, f.name).toBe(true);
    }
  });
});

describe.each(families.map((f) => [f.name, f] as const))('%s', (_, family) => {
  it('scan: the customer comes first and nobody of the team is offered', () => {
    for (const r of scanFamily(family, read)) {
      expect(r.teamOffered, r.page).toBe(0);
      expect(r.first, r.page).toBe(true);
    }
  });

  it('teach on page A: the preview finds the customer, the other pages their own customer, never a wrong one', () => {
    const r = teachFamily(family, read);
    expect(typeof r.proposal, JSON.stringify(r.proposal)).toBe('object');
    expect(r.previewRight).toBe(true);
    expect(r.wrong).toBe(0);
    expect(r.right).toBe(family.pages.length - 1);
  });
});
