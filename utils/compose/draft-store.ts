// Drafts autosave per workspace and recipient in storage.local (extension storage: page scripts
// cannot read it), so a reload, a closed tab or a browser restart loses nothing. A draft is cleared
// only after Intercom confirmed the send. Its nonce makes the draft id the background dedupes on:
// the same draft retried is recognised; a new draft after a send gets a new nonce.
import { browser } from 'wxt/browser';
import type { RecipientRef } from '../protocol';

export interface StoredDraft {
  channel: 'in_app' | 'email';
  subject: string;
  template: 'plain' | 'personal';
  body: string;
  /** Formatting on an email with the Plain template, which is plain text unless the agent asks. */
  bodyFormat?: 'text' | 'html';
  fromAdminId?: string;
  nonce: string;
  updatedAt: number;
}

const newNonce = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);

export const emptyDraft = (): StoredDraft => ({
  channel: 'in_app',
  subject: '',
  template: 'plain',
  body: '',
  nonce: newNonce(),
  updatedAt: 0,
});

export const draftKey = (workspaceId: string, ref: RecipientRef) => `draft:v1:${workspaceId}:${ref.kind}:${ref.value}`;
/**
 * Where a draft typed before the panel knows its workspace waits (the status and the contact are
 * still on their way): the detected recipient alone. Moved to the workspace's key once it is known.
 */
export const pendingDraftKey = (ref: RecipientRef) => `draft:pending:${ref.kind}:${ref.value}`;

/** The workspace id code a draft key (or a draft id made from one) starts with; undefined for anything else. */
export const draftWorkspaceCode = (keyOrId: string): string | undefined => /^draft:v1:([^:]+):/.exec(keyOrId)?.[1];

/** The id the background dedupes sends on; only characters its protocol accepts, at most 300. */
export const draftIdOf = (key: string, draft: StoredDraft) =>
  `${key}:${draft.nonce}`.replace(/[^A-Za-z0-9:_.@+-]/g, '_').slice(-300);

/** The draft of a reply in one conversation (the panel keeps one per conversation beside the new-conversation draft). */
export const conversationDraftKey = (baseKey: string, conversationId: string) => `${baseKey}:conversation:${conversationId}`;

/**
 * Drafts the background read for this page a moment ago (the side panel's start), so the panel's
 * first loads need no storage round trip of their own. Each holds until its key changes in storage
 * (whoever writes it) or PRIMED_MS pass, whichever is first.
 */
const primed = new Map<string, unknown>();
const PRIMED_MS = 5_000;
let primedTimer: ReturnType<typeof setTimeout> | undefined;
const unprimeChanged = (changes: Record<string, unknown>, area: string) => {
  if (area === 'local') for (const key of Object.keys(changes)) primed.delete(key);
};
export function primeDrafts(entries: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(entries)) primed.set(key, value);
  if (!browser.storage.onChanged.hasListener(unprimeChanged)) browser.storage.onChanged.addListener(unprimeChanged);
  clearTimeout(primedTimer);
  primedTimer = setTimeout(() => primed.clear(), PRIMED_MS);
}

export async function loadDraft(key: string): Promise<StoredDraft> {
  const stored = (primed.has(key) ? primed.get(key) : (await browser.storage.local.get(key))[key]) as Partial<StoredDraft> | undefined;
  if (!stored || typeof stored !== 'object' || typeof stored.nonce !== 'string') return emptyDraft();
  return { ...emptyDraft(), ...stored };
}

export async function saveDraft(key: string, draft: StoredDraft): Promise<void> {
  primed.delete(key); // at once: the storage change is heard a moment later
  await browser.storage.local.set({ [key]: { ...draft, updatedAt: Date.now() } });
}

/** After a confirmed send: forget the text, and start the next draft with a fresh nonce. */
export async function clearDraft(key: string): Promise<StoredDraft> {
  await removeDraft(key);
  return emptyDraft();
}

/** A draft moved elsewhere (the pending draft, once its workspace is known). */
export async function removeDraft(key: string): Promise<void> {
  primed.delete(key);
  await browser.storage.local.remove(key);
}
