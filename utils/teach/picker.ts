// The element picker of "Teach Hailer this page", injected on demand by the popup's button (nothing
// of it is resident). The agent points at the element that shows the customer's email or id: with
// the mouse (hover outline, click), or with the keyboard (Tab / arrow keys through the candidates,
// Enter picks). Esc cancels and leaves the page as it was: the picker only adds its own element
// (an overlay in a shadow root) and window listeners, and removes both. It points into open shadow
// roots and same-origin frames (srcdoc ones too) as well: their windows get the same listeners, and
// the outline, drawn in the top page, is offset by the frames the element is in.
//
// After a pick, the proposal (utils/teach/propose.ts) goes to the background, and the teach frame,
// an extension page shown over the page, asks the agent to save it: only an extension page may ask
// for the site's permission, in the click itself.
import { browser } from 'wxt/browser';
import { callBackground } from '../messaging';
import { t } from '../i18n';
import { identifierIn, identifierWithin, pickTarget, proposeRule } from './propose';
import { scanPage } from '../scan/scan';
import { searchRoots, isDocument } from '../detect/roots';

const HOST_TAG = 'hailer-picker';
const MAX_CANDIDATES = 200;

const STYLE = `
:host { all: initial; }
[hidden] { display: none !important; }
.outline { position: fixed; pointer-events: none; border: 2px solid #1f6feb; background: rgba(31,111,235,.12); border-radius: 3px; box-shadow: 0 0 0 2000px rgba(0,0,0,.08); transition: all 60ms ease-out; }
.bar { position: fixed; left: 50%; top: 12px; transform: translateX(-50%); max-width: min(640px, calc(100vw - 24px)); pointer-events: auto;
  display: flex; gap: 10px; align-items: center; padding: 10px 14px; border-radius: 10px; background: #151b23; color: #e6edf3;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 8px 24px rgba(0,0,0,.3); }
.bar p { margin: 0; }
.bar button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #3d444d; background: #0d1117; color: inherit; cursor: pointer; }
.problem { color: #ff7b72; }
iframe { position: fixed; right: 16px; bottom: 16px; width: 380px; height: 400px; max-height: calc(100vh - 32px); border: 0; border-radius: 12px; pointer-events: auto;
  box-shadow: 0 12px 32px rgba(0,0,0,.3); background: #fff; color-scheme: normal; }
`;

export function startPicker(): void {
  if (document.querySelector(HOST_TAG)) return; // already picking in this page

  const host = document.createElement(HOST_TAG);
  // A zero-size host: its fixed children (outline, bar, teach frame) cover only what they must.
  host.style.cssText = 'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important;';
  const shadow = host.attachShadow({ mode: __HAILER_TEST_BUILD__ ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const outline = document.createElement('div');
  outline.className = 'outline';
  outline.hidden = true;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'dialog');
  bar.setAttribute('aria-label', t('teachTitle'));
  const hint = document.createElement('p');
  hint.setAttribute('role', 'status');
  hint.setAttribute('aria-live', 'polite');
  hint.textContent = t('pickerHint');
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = t('teachCancel');
  bar.append(hint, cancel);
  shadow.append(style, outline, bar);
  document.documentElement.append(host);

  const candidates = keyboardCandidates();
  let index = -1;
  let current: Element | null = null;
  let picking = true;
  let busy = false;

  function show(el: Element | null) {
    current = el;
    if (!el) return void (outline.hidden = true);
    const r = rectInTop(el);
    Object.assign(outline.style, { left: `${r.left - 3}px`, top: `${r.top - 3}px`, width: `${r.width + 6}px`, height: `${r.height + 6}px` });
    outline.hidden = false;
  }

  function say(text: string, problem = false) {
    hint.textContent = text;
    hint.classList.toggle('problem', problem);
  }

  function move(step: number) {
    if (candidates.length === 0) return say(t('pickerNoCandidates'));
    index = (index + step + candidates.length) % candidates.length;
    const el = candidates[index]!;
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    show(el);
    say(t('pickerCurrent', [candidateValue(el), String(index + 1), String(candidates.length)]));
  }

  async function pick(el: Element) {
    if (busy) return;
    const proposal = proposeRule(el, new URL(location.href), (words) => t('teachRuleName', words));
    if (typeof proposal === 'string') return say(t(proposal === 'not_an_identifier' ? 'pickerNotIdentifier' : 'pickerNoSelector'), true);
    busy = true;
    const reply = await callBackground('teach.propose', { proposal: { rule: { ...proposal.rule }, words: proposal.words, found: proposal.found } });
    busy = false;
    if (!reply.ok) return say([reply.error.message, reply.error.action].join(' '), true);
    picking = false;
    // The page's own look again while the agent reads the proposal.
    show(null);
    bar.hidden = true;
    const frame = document.createElement('iframe');
    frame.title = t('pickerFrameTitle');
    // "Copy for the team" writes the rule to the clipboard from inside this frame.
    frame.allow = 'clipboard-write';
    frame.src = `${browser.runtime.getURL('/teach.html')}?nonce=${encodeURIComponent(reply.data.nonce)}`;
    shadow.append(frame);
    frame.addEventListener('load', () => frame.focus(), { once: true });
  }

  // The page must not react while the agent points: pointer and key events stop here (capture, window).
  const swallow = (e: Event) => {
    if (!picking || e.composedPath().includes(host)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const onMove = (e: MouseEvent) => {
    if (!picking) return;
    const target = e.composedPath()[0];
    if (isElement(target) && !e.composedPath().includes(host)) show(target);
  };
  const onClick = (e: MouseEvent) => {
    if (!picking || e.composedPath().includes(host)) return;
    swallow(e);
    const target = e.composedPath()[0];
    if (isElement(target)) void pick(target);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      return stop();
    }
    if (!picking || e.composedPath().includes(host)) return;
    if (e.key === 'Tab' || e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
      swallow(e);
      move(e.key === 'ArrowUp' || e.key === 'ArrowLeft' || (e.key === 'Tab' && e.shiftKey) ? -1 : 1);
    } else if (e.key === 'Enter' && current) {
      swallow(e);
      void pick(current);
    }
  };
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only our background closes the picker (after "Save rule" or "Cancel" in the teach frame).
    if (sender.id !== browser.runtime.id || sender.tab) return;
    if ((message as { hailer?: unknown; event?: unknown } | null)?.hailer === 1 && (message as { event?: unknown }).event === 'teach-close') stop();
  };

  const listeners: [string, EventListener][] = [
    ['mousemove', onMove as EventListener],
    ['click', onClick as EventListener],
    ['keydown', onKey as EventListener],
    ...(['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'keyup', 'keypress', 'submit'] as const).map((type): [string, EventListener] => [type, swallow]),
  ];
  // The page's window and its same-origin frames' (a frame's events never reach the page's window).
  const windows = [window, ...searchRoots(document).flatMap((root) => (isDocument(root) && root !== document && root.defaultView ? [root.defaultView] : []))];
  for (const w of windows) for (const [type, listener] of listeners) w.addEventListener(type, listener, true);
  browser.runtime.onMessage.addListener(onMessage);
  cancel.addEventListener('click', () => stop());

  function stop() {
    for (const w of windows) for (const [type, listener] of listeners) w.removeEventListener(type, listener, true);
    browser.runtime.onMessage.removeListener(onMessage);
    host.remove();
  }
}

/** What Tab and the arrows go through: elements showing one email or Intercom id, the page's likeliest person first. */
function keyboardCandidates(): Element[] {
  const ranked = scanPage(document, new URL(location.href)).map((c) => c.ref.value.toLowerCase());
  const rank = (el: Element) => {
    const i = ranked.indexOf(candidateValue(el).toLowerCase());
    return i === -1 ? ranked.length : i;
  };
  const found: Element[] = [];
  // The page, its open shadow roots and same-origin frames, as rules read them.
  for (const root of searchRoots(document)) {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (found.length >= MAX_CANDIDATES) break;
      const isField = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
      if (!isField && el.children.length > 0) continue;
      const ref = identifierIn(valueOf(el)) ?? identifierWithin(valueOf(el));
      if (ref && ref.kind !== 'user_id' && pickTarget(el) && (el as HTMLElement).getClientRects().length > 0) found.push(el);
    }
  }
  return found.map((el, i) => ({ el, i, r: rank(el) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.el);
}

const valueOf = (el: Element) =>
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? (el as HTMLInputElement).value : el.textContent ?? '').trim().slice(0, 300);
/** The identifier a candidate shows, also when it is inside a longer text. */
const candidateValue = (el: Element) => pickTarget(el)?.ref.value ?? valueOf(el);

// Node types, not classes: a frame's elements come from another realm's constructors.
const isElement = (target: EventTarget | undefined): target is Element => !!target && (target as Node).nodeType === 1;

/** Where an element is in the top page's viewport: its own box, moved by each same-origin frame it is in. */
function rectInTop(el: Element): { left: number; top: number; width: number; height: number } {
  const r = el.getBoundingClientRect();
  let { left, top } = r;
  for (let frame = el.ownerDocument.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
    const f = frame.getBoundingClientRect();
    left += f.left + frame.clientLeft;
    top += f.top + frame.clientTop;
  }
  return { left, top, width: r.width, height: r.height };
}
