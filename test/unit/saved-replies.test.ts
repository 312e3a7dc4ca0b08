import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportSavedRepliesJson, parseSavedRepliesJson, removeReply, savedRepliesItem, upsertReplies } from '../../utils/saved-replies';

const reply = { id: 'welcome', name: 'Welcome', body: 'Hi {{first_name | there}}!' };

describe('saved replies', () => {
  it('round-trips through export and import', () => {
    expect(parseSavedRepliesJson(exportSavedRepliesJson([reply]))).toEqual({ ok: true, replies: [reply] });
    expect(parseSavedRepliesJson(JSON.stringify([reply]))).toEqual({ ok: true, replies: [reply] });
  });

  it('names the reply and field that is wrong', () => {
    const parsed = parseSavedRepliesJson(JSON.stringify([reply, { id: 'x', name: '', body: 'b' }]));
    expect(parsed).toEqual({ ok: false, problems: [expect.stringMatching(/^Reply 2: name is missing or not valid/)] });
  });

  it.each([
    ['not JSON', '{', 'The file is not JSON.'],
    ['no list', '{"a":1}', 'The file holds no list of saved replies.'],
    ['too many', JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ ...reply, id: `r${i}` }))), 'More than 500 replies.'],
    ['too big', 'x'.repeat(1_000_001), 'The file is larger than 1 MB.'],
  ])('refuses %s', (_name, text, problem) => {
    expect(parseSavedRepliesJson(text)).toEqual({ ok: false, problems: [problem] });
  });

  it('adds, replaces by id and removes', async () => {
    await upsertReplies([reply]);
    await upsertReplies([{ ...reply, body: 'Hello' }, { id: 'bye', name: 'Bye', body: 'Bye' }]);
    expect((await savedRepliesItem.getValue()).map((r) => [r.id, r.body])).toEqual([
      ['welcome', 'Hello'],
      ['bye', 'Bye'],
    ]);
    await removeReply('welcome');
    expect((await savedRepliesItem.getValue()).map((r) => r.id)).toEqual(['bye']);
  });

  it('never throws on generated files (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((j) => JSON.stringify(j)), fc.array(fc.jsonValue()).map((a) => JSON.stringify({ savedReplies: a }))), (text) => {
        const parsed = parseSavedRepliesJson(text);
        expect(parsed.ok ? parsed.replies : parsed.problems).toBeInstanceOf(Array);
      }),
      { numRuns: 10_000 },
    );
  });
});
