// Team rules in the options page: where the customer is on the team's own console. Saving asks for
// that site only; an administrator's (managed) rules are shown but cannot be removed here.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';
import { exportRulesJson, listRules, parseRulesJson, type RuleEntry, type TeamRule } from '@/utils/detect/team-rules';
import { removeRule, saveRule, saveRules, type SaveOutcome } from '@/utils/detect/rule-access';
import { TeamRulesAddress } from './TeamRulesAddress';

type Draft = { name: string; matches: string; kind: TeamRule['kind']; from: TeamRule['source']['from']; value: string; attribute: string; workspace: string };
const emptyDraft: Draft = { name: '', matches: '', kind: 'user_id', from: 'url', value: '', attribute: '', workspace: '' };

function toRule(d: Draft): TeamRule {
  const source: TeamRule['source'] =
    d.from === 'url'
      ? { from: 'url', pattern: d.value }
      : d.from === 'label'
        ? { from: 'label', label: d.value.trim() }
        : { from: 'selector', selector: d.value, ...(d.attribute.trim() ? { attribute: d.attribute.trim() } : {}) };
  const workspace = d.workspace.trim();
  return { id: `rule-${Date.now().toString(36)}`, name: d.name.trim(), matches: d.matches.trim(), kind: d.kind, source, ...(workspace ? { workspace } : {}) };
}

function outcomeNotice(outcome: SaveOutcome): Notice {
  if (outcome.ok) return ok(t('rulesSaved'));
  if (outcome.reason === 'invalid') return problem(outcome.problems.map((p) => p.message).join(' '));
  if (outcome.reason === 'managed') return problem(t('rulesManagedClash'));
  return problem(t('rulesPermissionDenied', outcome.origins.join(', ')));
}

export function TeamRules() {
  const [rules, setRules] = useState<RuleEntry[]>([]);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [importText, setImportText] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const refresh = () => listRules().then(setRules);
  useEffect(() => void refresh(), []);
  const edit = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  // saveRule asks for the site before its first await, so these handlers call it at once.
  async function add(event: Event) {
    event.preventDefault();
    try {
      const outcome = await saveRule(toRule(draft));
      setNotice(outcomeNotice(outcome));
      if (outcome.ok) setDraft(emptyDraft);
      await refresh();
    } catch {
      setNotice(problem(t('rulesFailed')));
    }
  }

  async function importRules() {
    const parsed = parseRulesJson(importText);
    if (!parsed.ok) return setNotice(problem(parsed.problems.map((p) => p.message).join(' ')));
    try {
      const outcome = await saveRules(parsed.rules);
      setNotice(outcomeNotice(outcome));
      if (outcome.ok) setImportText('');
      await refresh();
    } catch {
      setNotice(problem(t('rulesFailed')));
    }
  }

  const exportHref = `data:application/json;charset=utf-8,${encodeURIComponent(exportRulesJson(rules.filter((r) => !r.managed)))}`;

  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('rulesHeading')}</h2>
      <p class="hint">{t('rulesIntro')}</p>
      <ul aria-label={t('rulesListLabel')}>
        {rules.map((rule) => (
          <li key={rule.id}>
            <strong>{rule.name}</strong> — <code>{rule.matches}</code> ({rule.kind}{rule.workspace ? `, ${rule.workspace}` : ''})
            {rule.managed ? (
              <span class="hint"> {rule.fromAddress ? t('rulesFromAddress') : t('rulesManaged')}</span>
            ) : (
              <button
                type="button"
                aria-label={t('rulesRemoveNamed', rule.name)}
                onClick={async () => {
                  await removeRule(rule.id);
                  await refresh();
                }}
              >
                {t('rulesRemove')}
              </button>
            )}
          </li>
        ))}
        {rules.length === 0 && <li class="hint">{t('rulesNone')}</li>}
      </ul>

      <form onSubmit={add} aria-labelledby="rules-add-heading">
        <h3 id="rules-add-heading">{t('rulesAddHeading')}</h3>
        <label for="rule-name">{t('rulesName')}</label>
        <input id="rule-name" required value={draft.name} onInput={(e) => edit({ name: e.currentTarget.value })} />
        <label for="rule-matches">{t('rulesMatches')}</label>
        <input
          id="rule-matches"
          required
          placeholder="https://admin.example.com/*"
          value={draft.matches}
          onInput={(e) => edit({ matches: e.currentTarget.value })}
        />
        <label for="rule-kind">{t('rulesKind')}</label>
        <select id="rule-kind" value={draft.kind} onChange={(e) => edit({ kind: e.currentTarget.value as Draft['kind'] })}>
          <option value="user_id">{t('rulesKindUserId')}</option>
          <option value="email">{t('rulesKindEmail')}</option>
          <option value="contact_id">{t('rulesKindContactId')}</option>
        </select>
        <label for="rule-from">{t('rulesFrom')}</label>
        <select id="rule-from" value={draft.from} onChange={(e) => edit({ from: e.currentTarget.value as Draft['from'] })}>
          <option value="url">{t('rulesFromUrl')}</option>
          <option value="selector">{t('rulesFromSelector')}</option>
          <option value="label">{t('rulesFromLabel')}</option>
        </select>
        <label for="rule-value">{draft.from === 'url' ? t('rulesUrlPattern') : draft.from === 'label' ? t('rulesLabel') : t('rulesSelector')}</label>
        <input
          id="rule-value"
          required
          placeholder={draft.from === 'url' ? '^/users/([^/]+)' : draft.from === 'label' ? 'Email' : '[data-customer-email]'}
          value={draft.value}
          onInput={(e) => edit({ value: e.currentTarget.value })}
        />
        {draft.from === 'selector' && (
          <>
            <label for="rule-attribute">{t('rulesAttribute')}</label>
            <input id="rule-attribute" value={draft.attribute} onInput={(e) => edit({ attribute: e.currentTarget.value })} />
          </>
        )}
        <label for="rule-workspace">{t('rulesWorkspace')}</label>
        <input id="rule-workspace" maxLength={64} value={draft.workspace} onInput={(e) => edit({ workspace: e.currentTarget.value })} />
        <button type="submit">{t('rulesAdd')}</button>
      </form>

      <h3>{t('rulesShareHeading')}</h3>
      <label for="rules-import">{t('rulesImportLabel')}</label>
      <textarea id="rules-import" rows={4} value={importText} onInput={(e) => setImportText(e.currentTarget.value)} />
      <button type="button" onClick={importRules} disabled={!importText.trim()}>
        {t('rulesImport')}
      </button>
      <a href={exportHref} download="hailer-team-rules.json">
        {t('rulesExport')}
      </a>
      <NoticeLine notice={notice} />
      <TeamRulesAddress onRulesChanged={() => void refresh()} />
    </section>
  );
}
