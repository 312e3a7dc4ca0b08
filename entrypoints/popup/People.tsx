// "People on this page" in the popup: the page is scanned once, when the popup opens (the toolbar
// click grants activeTab; the scanner is injected for that one look and leaves nothing behind), all
// candidates are looked up in Intercom together, and the agent picks who to message. A recipient a
// detector or team rule found stays first and preselected. The team is never listed. A checkbox per
// person (and "Select all") picks several: "Message selected" opens the bulk page with them.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import type { ContactSummary, DetectedRecipient } from '@/utils/protocol';
import { PEOPLE_LIMIT } from '@/utils/scan/limit';
import type { ScanCandidate } from '@/utils/scan/scan';

interface Person {
  recipient: DetectedRecipient;
  contacts: ContactSummary[];
  detected: boolean;
}

type State =
  | { name: 'scanning' }
  | { name: 'cannot' }
  | { name: 'failed'; text: string }
  | { name: 'done'; people: Person[]; teamLeftOut: number; workspaceId: string | null };

/** People whose open conversations are counted: those at the top of the list (one search, one IN filter). */
const OPEN_COUNTED = 30;

const key = (r: DetectedRecipient) => `${r.ref.kind}:${r.ref.kind === 'email' ? r.ref.value.toLowerCase() : r.ref.value}`;

type ScanResult = { candidates: ScanCandidate[]; conversations: string[]; url?: string; workspaceHint?: string | null; workspaceUnreadable?: boolean };

/** The tab's workspace (`workspace.forPage`): an id, null for the default, or the name of one that is not set up. */
export type PageWorkspace = { id: string | null } | { unknown: string };

/** Runs the scanner in the tab; null when the page cannot be scanned (browser pages, the store, PDFs). */
async function scanTab(tabId: number): Promise<ScanResult | null> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: ['/scanner.js'] });
    const result = frame?.result as ScanResult | undefined;
    return result && Array.isArray(result.candidates) && Array.isArray(result.conversations) ? result : null;
  } catch {
    return null;
  }
}

/** The recipient to compose for: the Intercom contact when there is exactly one, else the reference as found. */
export function recipientFor(person: Person): DetectedRecipient {
  const [only, ...more] = person.contacts;
  if (only && more.length === 0) return { ref: { kind: 'contact_id', value: only.id }, displayName: only.name ?? person.recipient.displayName ?? only.email ?? undefined };
  return person.recipient;
}

export function People({ tabId, detected, chosen, onChoose, onWorkspace }: {
  tabId: number | null;
  detected: DetectedRecipient | null;
  chosen: DetectedRecipient | null;
  onChoose(recipient: DetectedRecipient): void;
  /** Told once which workspace the tab's page uses; the people are looked up there. */
  onWorkspace(workspace: PageWorkspace): void;
}) {
  const [state, setState] = useState<State>({ name: 'scanning' });
  const [open, setOpen] = useState<Record<string, number>>({});
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let live = true;
    void (async () => {
      const scan = tabId === null ? null : await scanTab(tabId);
      if (!scan) {
        onWorkspace({ id: null });
        return live && setState({ name: 'cannot' });
      }
      // The page's workspace, as its panel would have it: Intercom app id, rule or markup, site, default.
      const hint = detected?.workspace ?? scan.workspaceHint ?? undefined;
      // A page that names its workspace unreadably is not looked up anywhere: any guess could be wrong.
      if (!hint && scan.workspaceUnreadable) {
        onWorkspace({ id: null });
        return live && setState({ name: 'failed', text: t('workspaceUnreadable') });
      }
      const where = await callBackground('workspace.forPage', { url: scan.url ?? '', ...(hint ? { workspaceHint: hint } : {}) });
      if (!live) return;
      if (!where.ok) {
        // The background is unreachable: the panel's own calls fail the same way and say so.
        onWorkspace({ id: null });
        return setState({ name: 'failed', text: [where.error.message, where.error.action].join(' ') });
      }
      if (where.data.unknown) {
        onWorkspace({ unknown: where.data.unknown });
        return setState({ name: 'failed', text: `${t('workspaceAsked', where.data.unknown)} ${t('workspaceAskedAction')}` });
      }
      const workspaceId = where.data.workspaceId;
      onWorkspace({ id: workspaceId });
      const found = scan.candidates.map((c): DetectedRecipient => (c.displayName ? { ref: c.ref, displayName: c.displayName } : { ref: c.ref }));
      const all = detected ? [detected, ...found.filter((c) => key(c) !== key(detected))] : found;
      if (all.length === 0 && scan.conversations.length === 0) return live && setState({ name: 'done', people: [], teamLeftOut: 0, workspaceId });
      const reply = await callBackground('people.lookup', { candidates: all.slice(0, PEOPLE_LIMIT), conversationIds: scan.conversations }, workspaceId);
      if (!live) return;
      if (!reply.ok) return setState({ name: 'failed', text: [reply.error.message, reply.error.action].join(' ') });
      // One contact shown by id and by email is one person: the first (the detected one) stays.
      const seen = new Set<string>();
      const people = reply.data.people
        .map((p) => ({ ...p, detected: !!detected && key(p.recipient) === key(detected) }))
        .filter((p) => p.contacts.length !== 1 || (!seen.has(p.contacts[0]!.id) && !!seen.add(p.contacts[0]!.id)));
      setState({ name: 'done', people, teamLeftOut: reply.data.teamLeftOut, workspaceId });
      const ids = people.flatMap((p) => p.contacts.map((c) => c.id)).slice(0, OPEN_COUNTED);
      if (ids.length) {
        const counts = await callBackground('people.openConversations', { contactIds: ids }, workspaceId);
        if (live && counts.ok) setOpen(counts.data.open);
      }
    })();
    return () => {
      live = false;
    };
  }, [tabId, detected && key(detected)]);

  return (
    <section class="people" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('peopleHeading')}</h2>
      {state.name === 'scanning' && <p class="hint" role="status">{t('peopleScanning')}</p>}
      {state.name === 'cannot' && <p class="hint">{t('peopleCannotScan')}</p>}
      {state.name === 'failed' && <p class="error" role="alert">{t('peopleLookupFailed', state.text)}</p>}
      {state.name === 'done' && state.people.length === 0 && <p class="hint">{t('peopleNone')}</p>}
      {state.name === 'done' && state.people.length > 1 && (
        <div class="people-pick">
          <label>
            <input
              type="checkbox"
              checked={picked.size === state.people.length}
              onChange={(e) => setPicked(e.currentTarget.checked ? new Set(state.people.map((p) => key(p.recipient))) : new Set())}
            />{' '}
            {t('peopleSelectAll')}
          </label>
          <button type="button" disabled={picked.size === 0} onClick={() => void messageSelected(state.people.filter((p) => picked.has(key(p.recipient))), state.workspaceId)}>
            {t('peopleMessageSelected')}
          </button>
        </div>
      )}
      {state.name === 'done' && state.people.length > 0 && (
        <ul aria-labelledby="people-heading">
          {state.people.map((person) => {
            const recipient = recipientFor(person);
            const selected = !!chosen && (key(chosen) === key(recipient) || key(chosen) === key(person.recipient));
            const contact = person.contacts.length === 1 ? person.contacts[0]! : null;
            const openCount = person.contacts.reduce((n, c) => n + (open[c.id] ?? 0), 0);
            return (
              <li key={key(person.recipient)} class={state.people.length > 1 ? 'pickable' : undefined}>
                {state.people.length > 1 && (
                  <input
                    type="checkbox"
                    aria-label={t('peopleSelect', contact?.name ?? person.recipient.displayName ?? person.recipient.ref.value)}
                    checked={picked.has(key(person.recipient))}
                    onChange={(e) => {
                      const next = new Set(picked);
                      if (e.currentTarget.checked) next.add(key(person.recipient));
                      else next.delete(key(person.recipient));
                      setPicked(next);
                    }}
                  />
                )}
                <button type="button" class="person" aria-pressed={selected} onClick={() => onChoose(recipient)}>
                  <span class="person-name">{contact?.name ?? person.recipient.displayName ?? person.recipient.ref.value}</span>{' '}
                  <span class="person-detail">
                    {person.recipient.ref.kind === 'email' ? person.recipient.ref.value : contact?.email ?? person.recipient.ref.value}
                    {' · '}
                    {person.contacts.length === 0
                      ? t('peopleNotInIntercom')
                      : [...new Set(person.contacts.map((c) => t(`peopleRole_${c.role}`)))].join(', ')}
                    {openCount > 0 && ` · ${t('peopleOpen', String(openCount))}`}
                    {person.detected && ` · ${t('peopleDetected')}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {state.name === 'done' && state.teamLeftOut > 0 && <p class="hint">{t('peopleTeamLeftOut', String(state.teamLeftOut))}</p>}
    </section>
  );
}

/** Opens the bulk page with these people (their Intercom id when known), in the page's workspace. */
async function messageSelected(people: Person[], workspaceId: string | null): Promise<void> {
  const lines = people.map((p) => recipientFor(p).ref.value).join('\n');
  const hash = new URLSearchParams({ recipients: lines, ...(workspaceId ? { workspace: workspaceId } : {}) });
  await browser.tabs.create({ url: browser.runtime.getURL(`/bulk.html#${hash}`) });
}

/** "Teach Hailer this page": the picker, injected in the tab for this one use; the popup closes for the agent to pick. */
export async function startTeaching(tabId: number | null): Promise<boolean> {
  if (tabId === null) return false;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
    return true;
  } catch {
    return false;
  }
}
