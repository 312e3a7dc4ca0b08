// The compose panel's "Follow-up" select: what happens to the conversation once the message or reply
// landed (leave it, assign it to me or a team, close it, snooze it until tomorrow 9:00 in the agent's
// own time zone, worked out by the background), and the choice as the protocol's FollowUp.
import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import type { FollowUp } from '@/utils/protocol';

/** '' leaves the conversation as it is; `team:<id>` assigns to that team. */
export type FollowUpChoice = '' | 'assign_me' | 'close' | 'snooze' | `team:${string}`;

type Team = { id: string; name: string };

/** The workspace's teams, asked for once per panel; none when Intercom does not say. */
export function useTeams(): Team[] {
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => void callBackground('teams.list', {}).then((r) => r.ok && setTeams(r.data.teams)), []);
  return teams;
}

export function FollowUpSelect({ value, onChange, teams }: { value: FollowUpChoice; onChange(choice: FollowUpChoice): void; teams: Team[] }) {
  return (
    <>
      <label for="hailer-follow-up">{t('panelFollowUp')}</label>
      <select id="hailer-follow-up" value={value} onChange={(e) => onChange(e.currentTarget.value as FollowUpChoice)}>
        <option value="">{t('panelFollowUpNone')}</option>
        <option value="assign_me">{t('panelFollowUpAssignMe')}</option>
        {teams.map((team) => (
          <option value={`team:${team.id}`}>{t('panelFollowUpAssignTeam', team.name)}</option>
        ))}
        <option value="close">{t('panelFollowUpClose')}</option>
        <option value="snooze">{t('panelFollowUpSnooze')}</option>
      </select>
    </>
  );
}

/** The choice as the background takes it (which works out "tomorrow 9:00" in the same time zone). */
export function toFollowUp(choice: FollowUpChoice): FollowUp | undefined {
  if (choice === '') return undefined;
  if (choice.startsWith('team:')) return { kind: 'assign_team', teamId: choice.slice(5) };
  return { kind: choice as 'assign_me' | 'close' | 'snooze' };
}

/** A stored default (options page) as a choice the select knows. */
export function followUpChoiceOf(stored: unknown): FollowUpChoice {
  return stored === 'assign_me' || stored === 'close' || stored === 'snooze' ? stored : '';
}

/** After a new message: the follow-up, once the conversation is known. Answers the error to show, if any. */
export async function followUpAfterMessage(conversationId: string | null, followUp: FollowUp, fromAdminId?: string) {
  if (!conversationId) {
    return { code: 'conversation_not_found' as const, message: t('error_conversation_not_found'), action: t('error_conversation_not_found_action') };
  }
  const r = await callBackground('conversation.followUp', { conversationId, followUp, ...(fromAdminId ? { fromAdminId } : {}) });
  if (!r.ok) return r.error;
  return r.data.ok ? undefined : r.data.error;
}
