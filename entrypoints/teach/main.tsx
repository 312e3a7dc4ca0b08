// The teach frame: the picker's proposal in plain words ("Pages like admin.acme.com/customers/*"),
// the raw pattern one click away, the live preview ("Found jane@acme.com"), and "Save rule". It is an
// extension page (shown over the console by the picker) because only an extension page may ask for
// the site's permission, and it must ask in the click itself: saveRule's first await is the request.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t, type MessageKey } from '@/utils/i18n';
import { TeamRuleSchema, type TeamRule } from '@/utils/detect/team-rules';
import { saveRule, type SaveOutcome } from '@/utils/detect/rule-access';
import { browser } from 'wxt/browser';
import { copyForTeam } from '@/utils/teach/copy-for-team';
import type { TeachProposal } from '@/utils/protocol';
import { appliesToThisPageOnly, dependsOnPosition, shapeText, sourceText } from '@/utils/teach/describe';

const nonce = new URLSearchParams(location.search).get('nonce') ?? '';

type Phase = { name: 'loading' } | { name: 'expired' } | { name: 'ready' } | { name: 'saving' } | { name: 'saved' } | { name: 'problem'; text: string };

function Teach() {
  const [proposal, setProposal] = useState<(TeachProposal & { rule: TeamRule }) | null>(null);
  const [pageUrl, setPageUrl] = useState('');
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [showPattern, setShowPattern] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);
  const save = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void callBackground('teach.pending', { nonce }).then((reply) => {
      const rule = reply.ok ? TeamRuleSchema.safeParse(reply.data.proposal.rule) : null;
      if (!reply.ok || !rule?.success) return setPhase({ name: 'expired' });
      setProposal({ ...reply.data.proposal, rule: rule.data });
      setPageUrl(reply.data.pageUrl);
      setPhase({ name: 'ready' });
    });
  }, []);
  useEffect(() => {
    if (phase.name === 'ready') save.current?.focus();
  }, [phase.name]);

  const finish = (saved: boolean) => void callBackground('teach.finish', { nonce, saved });

  function onSave() {
    if (!proposal || phase.name === 'saving' || phase.name === 'saved') return;
    setPhase({ name: 'saving' });
    // No await before this call: saveRule asks for the site first thing, while the click still counts.
    // A frame without the permissions API (Firefox's extension frames in a web page) saves through
    // the background, which accepts a site granted already and says which one to grant otherwise.
    const saving: Promise<SaveOutcome> = browser.permissions
      ? saveRule(proposal.rule)
      : callBackground('teach.save', { nonce }).then((reply) =>
          reply.ok && reply.data.saved ? { ok: true } : { ok: false, reason: 'permission_denied', origins: reply.ok ? reply.data.deniedOrigins : [proposal.rule.matches] },
        );
    void saving.then((outcome) => {
      if (outcome.ok) {
        setPhase({ name: 'saved' });
        return finish(true);
      }
      const text =
        outcome.reason === 'permission_denied'
          ? t('teachDenied', outcome.origins.join(', '))
          : outcome.reason === 'managed'
            ? t('teachManaged')
            : t('teachInvalid', outcome.problems.map((p) => p.message).join(' '));
      setPhase({ name: 'problem', text });
    }, () => setPhase({ name: 'problem', text: t('rulesFailed') }));
  }

  if (phase.name === 'loading') return null;
  if (phase.name === 'expired' || !proposal) {
    return (
      <main>
        <p class="error" role="alert">{t('teachExpired')}</p>
        <button type="button" onClick={() => finish(false)}>{t('teachCancel')}</button>
      </main>
    );
  }
  const { rule, words, found } = proposal;
  const source = rule.source;
  const shape = shapeText(rule);
  const onePage = appliesToThisPageOnly(rule, new URL(pageUrl));
  return (
    <main onKeyDown={(e) => e.key === 'Escape' && finish(false)}>
      <h1>{t('teachTitle')}</h1>
      <p>
        {t('teachPagesLike', words)}{' '}
        <button type="button" class="link" aria-expanded={showPattern} aria-controls="pattern" onClick={() => setShowPattern(!showPattern)}>
          {t('teachShowPattern')}
        </button>
      </p>
      <dl id="pattern" hidden={!showPattern}>
        <dt>{t('teachPatternSite')}</dt><dd><code>{rule.matches}</code></dd>
        <dt>{t('teachPatternPath')}</dt><dd><code>{rule.urlIncludes}</code></dd>
        <dt>{t('teachPatternSelector')}</dt><dd><code>{sourceText(source)}</code></dd>
        {shape && (<><dt>{t('teachPatternShape')}</dt><dd><code>{shape}</code></dd></>)}
      </dl>
      {onePage && <p class="warning">{t('teachThisPageOnly')}</p>}
      <p>
        {source.from === 'label'
          ? t('teachReadsBeside', [t(`teachKind_${rule.kind}` as MessageKey), source.label])
          : t('teachReads', t(`teachKind_${rule.kind}` as MessageKey))}
        {found && <> {t('teachReadsLike', found.value)}</>}
      </p>
      {dependsOnPosition(rule) && <p class="warning">{t('teachPositionWarning')}</p>}
      <p class={found ? 'found' : 'nobody'} role="status">{found ? t('teachFound', found.value) : t('teachFoundNobody')}</p>
      {phase.name === 'problem' && <p class="error" role="alert">{phase.text}</p>}
      {phase.name === 'saved' && <p class="saved" role="status">{t('teachSaved', words)}</p>}
      <div class="actions">
        <button ref={save} type="button" class="save" disabled={phase.name === 'saving' || phase.name === 'saved'} onClick={onSave}>
          {t('teachSave')}
        </button>
        <button type="button" onClick={() => void copyForTeam(rule).then(setCopied)}>{t('teachCopyForTeam')}</button>
        <button type="button" onClick={() => finish(false)}>{t('teachCancel')}</button>
      </div>
      <p role="status" class={copied === false ? 'error' : 'saved'}>{copied === null ? '' : copied ? t('teachCopied') : t('teachCopyFailed')}</p>
    </main>
  );
}

render(<Teach />, document.getElementById('app')!);
