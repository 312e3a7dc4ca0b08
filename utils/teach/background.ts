// The background's side of "Teach Hailer this page". The picker runs in the page and cannot ask for
// a host permission (content scripts have no permissions API), so its proposal goes through here to
// the teach frame, an extension page the picker shows in the page, whose "Save rule" click can ask.
// Proposals wait in session storage under a random nonce (the worker may sleep meanwhile); only our
// picker can make one (a `page` call is refused from anything but our own content scripts), and only
// for the page it runs on.
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import type { Handlers } from '../router';
import type { TeachProposal } from '../protocol';
import { HailerError } from '../errors';
import { ruleAppliesTo } from '../detect';
import { TeamRuleSchema } from '../detect/team-rules';
import { saveRules } from '../detect/rule-access';
import { openComposer } from '../context-menu';

interface Pending {
  proposal: TeachProposal;
  tabId: number;
  frameId: number;
  pageUrl: string;
  at: number;
}

const pendingItem = storage.defineItem<Record<string, Pending>>('session:teachProposals', { fallback: {} });
const MAX_PENDING = 10;
const PENDING_TTL_MS = 30 * 60_000;

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const teachHandlers: Pick<Handlers, 'teach.propose' | 'teach.pending' | 'teach.save' | 'teach.finish' | 'teach.inTab'> = {
  async 'teach.inTab'(_request, sender) {
    // Only the panel's own tab, and only where Hailer already runs by a rule (so may inject there).
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId) throw new HailerError('not_allowed');
    const started = await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] }).then(() => true, () => false);
    return { started };
  },

  async 'teach.propose'({ proposal }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.url) throw new HailerError('not_allowed');
    const rule = TeamRuleSchema.safeParse(proposal.rule);
    // A proposal is for the page the picker is on, and is a rule Hailer would accept.
    if (!rule.success || !ruleAppliesTo(rule.data, new URL(sender.url))) throw new HailerError('bad_request');
    const nonce = newNonce();
    const now = Date.now();
    const kept = Object.entries(await pendingItem.getValue())
      .filter(([, p]) => now - p.at < PENDING_TTL_MS && p.tabId !== tabId)
      .slice(-(MAX_PENDING - 1));
    await pendingItem.setValue({
      ...Object.fromEntries(kept),
      [nonce]: { proposal: { ...proposal, rule: rule.data as unknown as Record<string, unknown> }, tabId, frameId: sender.frameId ?? 0, pageUrl: sender.url, at: now },
    });
    return { nonce };
  },

  async 'teach.pending'({ nonce }) {
    const pending = (await pendingItem.getValue())[nonce];
    if (!pending) throw new HailerError('bad_request');
    return { proposal: pending.proposal, pageUrl: pending.pageUrl };
  },

  async 'teach.save'({ nonce }) {
    const pending = (await pendingItem.getValue())[nonce];
    const rule = pending && TeamRuleSchema.safeParse(pending.proposal.rule);
    if (!rule?.success) throw new HailerError('bad_request');
    const outcome = await saveRules([rule.data], { ask: false });
    if (outcome.ok) return { saved: true, deniedOrigins: [] };
    if (outcome.reason === 'permission_denied') return { saved: false, deniedOrigins: outcome.origins };
    throw new HailerError('bad_request');
  },

  async 'teach.finish'({ nonce, saved }) {
    const all = await pendingItem.getValue();
    const pending = all[nonce];
    if (!pending) throw new HailerError('bad_request');
    delete all[nonce];
    await pendingItem.setValue(all);
    // The picker takes itself out of the page either way.
    await browser.tabs.sendMessage(pending.tabId, { hailer: 1, event: 'teach-close' }, { frameId: pending.frameId }).catch(() => {});
    if (!saved) return { panel: false };
    const tab = await browser.tabs.get(pending.tabId).catch(() => undefined);
    const found = pending.proposal.found;
    // The same on-demand injection as the context menu: the new rule's panel, now, without a reload.
    const where = await openComposer(tab, found ? { ref: found } : undefined);
    return { panel: where === 'panel' };
  },
};
