// @vitest-environment happy-dom
// Choosing a conversation in the compose panel (components/useConversation.ts) loads that
// conversation's draft from storage. What the agent writes while it loads must stay: the options'
// Default conversation ("latest open") gives way to it, and a conversation the agent picked keeps it
// as its draft. The background is the fake browser's runtime; storage.local is the fake browser's,
// with the chosen conversation's draft read held until the test lets it go.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { act, cleanup, render, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useConversation } from '../../components/useConversation';
import { conversationDraftKey, emptyDraft, type StoredDraft } from '../../utils/compose/draft-store';

const BASE = 'draft:v1:acme42:contact_id:c1';
const OPEN = { id: '1001', title: 'Export times out', state: 'open', updatedAt: 1, url: 'x', assignee: null, firstLine: null, label: 'x' };
const contact = { id: 'c1', role: 'user' as const, name: 'Jane Cooper', email: 'jane@acme.test', externalId: null };

let held: (() => void) | null = null;
const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
let view: { draft: StoredDraft; conversationId: string; edit(body: string): void; choose(id: string): Promise<void> } | null = null;

function Probe() {
  const [draft, setDraft] = useState<StoredDraft>(emptyDraft);
  const touched = useRef(false);
  const inFlight = useRef(false);
  const c = useConversation({ baseKey: BASE, contact, draft, setDraft, setPhase: () => {}, touched, inFlight, threadLength: 5, recheckContact: () => {}, warm: null });
  // As the panel's own edit: the draft changes and counts as the agent's.
  const edit = (body: string) => {
    touched.current = true;
    setDraft((d) => ({ ...d, body }));
  };
  view = { draft, conversationId: c.conversationId, edit, choose: c.choose };
  return null;
}

beforeEach(async () => {
  fakeBrowser.reset();
  held = null;
  view = null;
  await fakeBrowser.storage.local.set({ settings: { defaultConversation: 'latest_open' } });
  fakeBrowser.runtime.onMessage.addListener(((message: { call: string }, _sender: unknown, respond: (reply: unknown) => void) => {
    if (message.call === 'recipient.conversations') return respond({ ok: true, data: { conversations: [OPEN], remembered: false } }), true;
    if (message.call === 'teams.list') return respond({ ok: true, data: { teams: [] } }), true;
    return undefined;
  }) as never);
  // The chosen conversation's draft is read only when the test lets it.
  fakeBrowser.storage.local.get = (async (keys?: unknown) => {
    if (keys === conversationDraftKey(BASE, OPEN.id)) await new Promise<void>((resolve) => (held = resolve));
    return get(keys as string);
  }) as typeof fakeBrowser.storage.local.get;
});
afterEach(() => cleanup());

const release = () => act(async () => held?.());

describe('choosing a conversation while the agent writes', () => {
  it('the Default conversation gives way to what the agent wrote while its draft loaded', async () => {
    render(h(Probe, {}));
    await waitFor(() => expect(held).not.toBeNull()); // the list came: "latest open" is being chosen
    act(() => view!.edit('Typed in the first moment'));
    await release();
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(view!.draft.body).toBe('Typed in the first moment');
    expect(view!.conversationId).toBe(''); // still a new conversation, as it was when they wrote
  });

  it('a conversation the agent picked keeps what they wrote while its draft loaded', async () => {
    await fakeBrowser.storage.local.set({ settings: { defaultConversation: 'new' } });
    render(h(Probe, {}));
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    let picked!: Promise<void>;
    act(() => void (picked = view!.choose(OPEN.id)));
    await waitFor(() => expect(held).not.toBeNull());
    act(() => view!.edit('Typed right after picking'));
    await release();
    await act(() => picked);
    expect(view!.conversationId).toBe(OPEN.id);
    expect(view!.draft.body).toBe('Typed right after picking');
  });

  it('with nothing written meanwhile, the chosen conversation shows its own draft', async () => {
    await fakeBrowser.storage.local.set({ [conversationDraftKey(BASE, OPEN.id)]: { ...emptyDraft(), body: 'Saved reply draft', updatedAt: 5 } });
    render(h(Probe, {}));
    await waitFor(() => expect(held).not.toBeNull());
    await release();
    await waitFor(() => expect(view!.conversationId).toBe(OPEN.id));
    expect(view!.draft.body).toBe('Saved reply draft');
  });
});
