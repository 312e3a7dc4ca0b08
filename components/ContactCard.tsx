// The contact card above the message: who the customer is at a glance. Drawn at once from what the
// panel already knows (name, email, role); the rest (companies, location, last seen, signed up,
// tags, the team's chosen attributes, local time when one of them is a time zone) arrives in one more round trip, cached per contact for the
// panel's life, and never holds up typing. Long values are cut with an ellipsis; the full value is
// in the title (hover) and shows when the value is focused.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import type { ContactCardData, ContactSummary, Reply } from '@/utils/protocol';

/** Per contact id, for the life of the page (the panel chunk is loaded once per page). */
const cache = new Map<string, Promise<Reply<'recipient.card'>>>();

export type CardState = { data: ContactCardData | null; error: string | null };

/** The card's data for a confirmed contact; null while it loads. A failure is kept out of the cache. */
export function useContactCard(contactId: string | null): CardState {
  const [state, setState] = useState<CardState>({ data: null, error: null });
  useEffect(() => {
    setState({ data: null, error: null });
    if (!contactId) return;
    let live = true;
    let pending = cache.get(contactId);
    if (!pending) {
      pending = callBackground('recipient.card', { contactId });
      cache.set(contactId, pending);
    }
    void pending.then((reply) => {
      if (!reply.ok) cache.delete(contactId);
      if (live) setState(reply.ok ? { data: reply.data, error: null } : { data: null, error: reply.error.message });
    });
    return () => {
      live = false;
    };
  }, [contactId]);
  return state;
}

export function initials(name: string | null, email: string | null): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const letters = words.length ? [words[0]!, words.length > 1 ? words[words.length - 1]! : ''] : [email ?? '?'];
  return letters
    .map((w) => Array.from(w)[0] ?? '')
    .join('')
    .toUpperCase();
}

const LONG = 36;
/** A value that may be cut: focusable and titled only when it is long enough to be. */
function Value({ text }: { text: string }) {
  const long = text.length > LONG;
  return (
    <dd class="card-value" title={long ? text : undefined} tabIndex={long ? 0 : undefined}>
      {text}
    </dd>
  );
}

function ago(seconds: number | null): string {
  if (!seconds) return t('cardNever');
  const diff = seconds - Date.now() / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  return format.format(Math.round(diff), 'second');
}

/**
 * Intercom keeps no time zone for a contact; when one of the team's card attributes holds an IANA
 * zone (a custom attribute such as `timezone: "Europe/Berlin"`), the card shows the local time there.
 */
export function localTime(attributes: ContactCardData['attributes'], now = new Date()): string | null {
  for (const { value } of attributes) {
    if (!value || !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) continue;
    try {
      return `${new Intl.DateTimeFormat(undefined, { timeZone: value, hour: '2-digit', minute: '2-digit' }).format(now)} (${value})`;
    } catch {
      // not a zone this browser knows
    }
  }
  return null;
}

const date = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' }) : t('cardNoValue'));

/** The agent's last fold or unfold, for every panel of this browser (a short panel keeps the card to one line). */
const FOLDED_KEY = 'cardFolded';

function useFolded(): [boolean, (folded: boolean) => void] {
  const [folded, setFolded] = useState(false);
  useEffect(() => {
    void browser.storage.local.get(FOLDED_KEY).then((stored) => setFolded(stored[FOLDED_KEY] === true));
  }, []);
  return [folded, (next) => {
    setFolded(next);
    void browser.storage.local.set({ [FOLDED_KEY]: next });
  }];
}

export function ContactCard({ contact, card }: { contact: ContactSummary; card: CardState }) {
  const [folded, setFolded] = useFolded();
  const data = card.data;
  const name = data?.name ?? contact.name;
  const email = data?.email ?? contact.email;
  const rows: [string, string][] = data
    ? [
        [t('cardCompany'), data.companies.join(', ') || t('cardNoValue')],
        [t('cardLocation'), data.location ?? t('cardNoValue')],
        ...(localTime(data.attributes) ? [[t('cardLocalTime'), localTime(data.attributes)!] as [string, string]] : []),
        [t('cardLastSeen'), ago(data.lastSeenAt)],
        [t('cardSignedUp'), date(data.signedUpAt)],
        [t('cardTags'), data.tags.join(', ') || t('cardNoValue')],
        ...data.attributes.map((a): [string, string] => [a.label, a.value ?? t('cardNoValue')]),
      ]
    : [];
  return (
    <section class="contact-card" aria-label={t('cardLabel', name ?? email ?? contact.id)} aria-busy={!data && !card.error}>
      <div class="card-head">
        <span class="avatar" aria-hidden="true">
          {initials(name, email)}
        </span>
        {/* Email and role are on the recipient line just above. */}
        <strong class="card-name">{name ?? email ?? contact.id}</strong>
        <button type="button" class="card-fold" aria-expanded={!folded} aria-controls="hailer-card-details" onClick={() => setFolded(!folded)}>
          {t(folded ? 'cardShowDetails' : 'cardHideDetails')}
        </button>
      </div>
      {!folded && rows.length > 0 && (
        <dl id="hailer-card-details">
          {rows.map(([label, value]) => (
            <div class="card-row" key={label}>
              <dt>{label}</dt>
              <Value text={value} />
            </div>
          ))}
        </dl>
      )}
      {!folded && !data && !card.error && <p class="hint">{t('cardLoading')}</p>}
      {!folded && card.error && <p class="hint">{t('cardUnavailable', card.error)}</p>}
    </section>
  );
}
