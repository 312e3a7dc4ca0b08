// How the panel words conversations and parts (made in the background), the follow-up choices, and
// "tomorrow 9:00" in the agent's time zone.
import { describe, expect, it } from 'vitest';
import { ago, conversationLabel, partLine, sortConversations } from '../../utils/compose/conversation-labels';
import { firstLine, htmlToText, toConversationSummaries, toPartSummary } from '../../utils/compose/conversation-calls';
import { tomorrowAtNine } from '../../utils/compose/reply';
import { toFollowUp } from '../../components/FollowUp';

const NOW = 1_800_000_000;

describe('conversation labels', () => {
  it('reads "title-or-first-line · state · assignee · how long ago"', () => {
    const c = { id: '7', title: null, state: 'open', updatedAt: NOW - 180, assignee: 'Ada', firstLine: 'Export times out' };
    expect(conversationLabel(c, NOW)).toBe('Export times out · open · Ada · 3 min ago');
    expect(conversationLabel({ ...c, title: 'Billing question', assignee: null, state: 'snoozed' }, NOW)).toBe('Billing question · snoozed · unassigned · 3 min ago');
    expect(conversationLabel({ ...c, firstLine: null }, NOW)).toBe('Conversation 7 · open · Ada · 3 min ago');
  });

  it('says how long ago in minutes, hours, then days', () => {
    expect([ago(NOW - 20, NOW), ago(NOW - 59 * 60, NOW), ago(NOW - 5 * 3600, NOW), ago(NOW - 3 * 86400, NOW)]).toEqual([
      'just now',
      '59 min ago',
      '5 h ago',
      '3 d ago',
    ]);
  });

  it('lists open conversations first, each group newest first', () => {
    const list = [
      { id: 'a', state: 'closed', updatedAt: 30 },
      { id: 'b', state: 'open', updatedAt: 10 },
      { id: 'c', state: 'snoozed', updatedAt: 20 },
      { id: 'd', state: 'open', updatedAt: 40 },
    ];
    expect(sortConversations(list).map((c) => c.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('turns the client’s conversations into labelled summaries with the assignee’s name', () => {
    const [summary] = toConversationSummaries(
      [{ id: '9', title: null, state: 'open', updatedAt: Math.floor(Date.now() / 1000), assigneeId: '2', sourceBody: '<p>Hi &amp; hello</p><p>second</p>' }],
      [{ id: '2', name: 'Ben', email: null }],
      (id) => `https://inbox/${id}`,
    );
    expect(summary).toEqual({ id: '9', title: null, state: 'open', updatedAt: expect.any(Number), url: 'https://inbox/9', assignee: 'Ben', firstLine: 'Hi & hello', label: 'Hi & hello · open · Ben · just now' });
  });
});

describe('parts', () => {
  const part = { id: '1', createdAt: NOW, authorId: '5' };
  it('names who wrote and what, with state changes and notes in words', () => {
    expect(toPartSummary({ ...part, kind: 'comment', body: '<p>Any news?</p><p>Thanks</p>', authorType: 'user', authorName: 'Jane Cooper' }).line).toBe('Jane Cooper: Any news?');
    expect(toPartSummary({ ...part, kind: 'close', body: null, authorType: 'admin', authorName: 'Ben' }).line).toBe('Ben: closed the conversation');
    expect(toPartSummary({ ...part, kind: 'note', body: '<p>VIP</p>', authorType: 'admin', authorName: null }).line).toBe('a teammate: (internal note) VIP');
    expect(partLine({ id: '1', kind: 'comment', authorRole: 'other', authorName: null, text: 'Bot says hi', at: NOW })).toBe('someone: Bot says hi');
  });

  it('reads HTML bodies as text', () => {
    expect(htmlToText('<p>a &lt;b&gt;</p><p>c<br>d</p>')).toBe('a <b>\nc\nd');
    expect(firstLine('<p></p><p>  second  </p>')).toBe('second');
    expect(firstLine(null)).toBeNull();
  });
});

describe('follow-ups', () => {
  it('map the select’s choices to the protocol', () => {
    expect(toFollowUp('')).toBeUndefined();
    expect(toFollowUp('assign_me')).toEqual({ kind: 'assign_me' });
    expect(toFollowUp('close')).toEqual({ kind: 'close' });
    expect(toFollowUp('snooze')).toEqual({ kind: 'snooze' });
    expect(toFollowUp('team:814001')).toEqual({ kind: 'assign_team', teamId: '814001' });
  });

  it('"tomorrow 9:00" is 9:00 local time on the next calendar day, also across a month end', () => {
    const at = new Date(tomorrowAtNine(new Date(2026, 0, 31, 23, 30)) * 1000);
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([2026, 1, 1, 9, 0]);
  });
});
