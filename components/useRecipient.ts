// Who the panel writes to, confirmed in its workspace: the background's status (set up or not, which
// workspace, who can send), then the recipient looked up there, again whenever the agent switches
// workspace (a namesake elsewhere is never taken for them), or created as a lead.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { callBackground, chooseWorkspace } from '@/utils/messaging';
import type { CallReply, ContactSummary, DetectedRecipient, Reply, WireError } from '@/utils/protocol';
import type { PanelStart } from '@/utils/sidepanel/start-shapes';
import { unknownWorkspaceProblem } from './WorkspaceSwitch';

export type PanelStatus = CallReply<'app.status'>;

/**
 * `beforeLookup` runs once the workspace is known and before the recipient is looked up (the panel
 * restores its stored draft there); `live()` says whether this recipient and workspace still apply.
 */
export function useRecipient(recipient: DetectedRecipient, beforeLookup: (workspaceCode: string, live: () => boolean) => Promise<void>, start?: PanelStart) {
  const [status, setStatus] = useState<PanelStatus | null>(null);
  /** The workspace the agent switched to for this message (null: the page's). */
  const [switchedTo, setSwitchedTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<WireError | null>(null);
  const [contacts, setContacts] = useState<ContactSummary[] | null>(null);
  const [contact, setContact] = useState<ContactSummary | null>(null);

  /** A contact answered from what the background remembered, until it is checked with Intercom. */
  const remembered = useRef<{ ref: DetectedRecipient['ref']; contactId: string; live(): boolean } | null>(null);

  /** The side panel's start answered the status (and a warm contact) already: used once, not after a workspace switch. */
  const given = useRef(start);

  // Run right after the render, not after the next paint: it starts the request the panel's first moments wait on.
  useLayoutEffect(() => {
    let live = true;
    const started = given.current;
    given.current = undefined;
    void (async () => {
      // Asked side by side with the status (a warm open answers from the contact confirmed a moment
      // ago); shown only once the status says the workspace is set up and the stored draft is back.
      const warmContact = started?.warm?.contact;
      const finding: Promise<Reply<'recipient.find'>> = warmContact
        ? Promise.resolve({ ok: true, data: { contacts: [warmContact], remembered: true } })
        : callBackground('recipient.find', { ref: recipient.ref, warm: true });
      const s = started?.status ?? (await callBackground('app.status', {}));
      if (!live) return;
      if (!s.ok) return setProblem(s.error);
      const showStatus = () => {
        setStatus(s.data);
        setContacts(null);
        setContact(null);
      };
      // A warm contact is there as soon as the draft is back: the status is shown with it, in one
      // render of the panel rather than one before it.
      const withContact = warmContact && s.data.configured && s.data.workspace && !s.data.workspaces?.unknown;
      if (!withContact) showStatus();
      if (s.data.workspaces?.unknown) return setProblem(unknownWorkspaceProblem(s.data.workspaces.unknown));
      if (!s.data.configured || !s.data.workspace) return;
      await beforeLookup(s.data.workspace.id, () => live);
      const found = await finding;
      if (!live) return;
      if (withContact) showStatus();
      if (!found.ok) return setProblem(found.error);
      setContacts(found.data.contacts);
      if (found.data.contacts.length === 1) setContact(found.data.contacts[0]!);
      remembered.current = found.data.remembered ? { ref: recipient.ref, contactId: found.data.contacts[0]!.id, live: () => live } : null;
    })();
    return () => {
      live = false;
    };
  }, [recipient.ref.kind, recipient.ref.value, switchedTo]);

  function switchWorkspace(id: string) {
    // Every call from this page goes to the chosen workspace from now on; the effect above
    // confirms the recipient again there.
    chooseWorkspace(id);
    setProblem(null);
    setSwitchedTo(id);
  }

  /** Intercom decides: a workspace or token that may not create contacts answers with an error. */
  async function createLead(email: string) {
    const reply = await callBackground('recipient.createLead', { email });
    if (!reply.ok) return setProblem(reply.error);
    setContacts([reply.data.contact]);
    setContact(reply.data.contact);
  }

  /** Called once the panel shows what it remembered: a different answer (merged, deleted) replaces it. */
  async function recheckContact() {
    const asked = remembered.current;
    remembered.current = null;
    if (!asked) return;
    const fresh = await callBackground('recipient.find', { ref: asked.ref });
    if (!asked.live() || !fresh.ok) return;
    const [only] = fresh.data.contacts;
    if (fresh.data.contacts.length === 1 && only!.id === asked.contactId) return;
    setContacts(fresh.data.contacts);
    setContact(fresh.data.contacts.length === 1 ? only! : null);
  }

  return { status, recheckContact, switchedTo, problem, contacts, contact, setContact, switchWorkspace, createLead };
}
