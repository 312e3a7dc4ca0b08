// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { h } from 'preact';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach } from 'vitest';
import {
  exportSavedRepliesJson,
  parseSavedRepliesJson,
  removeReply,
  savedRepliesItem,
  upsertReply,
  type SavedReply,
} from '../../utils/compose/saved-replies';
import { ReplyPicker, searchReplies } from '../../components/ReplyPicker';
import { SavedReplies } from '../../entrypoints/options/SavedReplies';
import { newWorkspace, workspacesItem } from '../../utils/storage/workspaces';

const welcome: SavedReply = { id: 'welcome', name: 'Welcome', body: 'Hi {{first_name | there}}!' };
const refund: SavedReply = { id: 'refund_1', name: 'Refund issued', body: 'Your refund is on its way.', channel: 'email', subject: 'Your refund' };
const renewal: SavedReply = { id: 'renewal', name: 'Plan renewal', body: 'Your plan renews soon.', channel: 'in_app' };

afterEach(cleanup);

describe('saved replies file', () => {
  it('round-trips through export and import, also as a bare list', () => {
    const replies = [welcome, refund, renewal];
    expect(parseSavedRepliesJson(exportSavedRepliesJson(replies))).toEqual({ ok: true, replies });
    expect(parseSavedRepliesJson(JSON.stringify(replies))).toEqual({ ok: true, replies });
  });

  it('names the reply number and the field that is wrong', () => {
    const parsed = parseSavedRepliesJson(
      JSON.stringify([
        welcome,
        { id: 'x', name: '  ', body: 'b' },
        { id: 'bad id!', name: 'n', body: 'b', channel: 'sms', subject: 's'.repeat(256), colour: 'red' },
        'hello',
        { ...refund, id: 'welcome' },
      ]),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'Reply 2: the "name" needs 1 to 80 characters.',
        'Reply 3: the "id" needs 1 to 64 letters, digits, hyphens or underscores.',
        'Reply 3: the "channel" must be "in_app" or "email".',
        'Reply 3: the "subject" can have at most 255 characters.',
        'Reply 3: Hailer does not know the field "colour". Check its spelling.',
        'Reply 4: this is not a reply with an "id", a "name" and a "body".',
        'Reply 5: another reply in the file has the same "id".',
      ],
    });
  });

  it('refuses blank and overlong text', () => {
    const problems = (body: string) => (parseSavedRepliesJson(JSON.stringify([{ ...welcome, body }])) as { problems?: string[] }).problems;
    expect(problems(' \n ')).toEqual(['Reply 1: the "body" (reply text) needs 1 to 10,000 characters.']);
    expect(problems('x'.repeat(10_001))).toEqual(['Reply 1: the "body" (reply text) needs 1 to 10,000 characters.']);
    expect(problems('x'.repeat(10_000))).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"savedReplies": [', 'This file is not valid JSON.'],
    ['without a list', '{"replies": []}', 'Expected a list of replies, or an object with a "savedReplies" list.'],
    ['null', 'null', 'Expected a list of replies, or an object with a "savedReplies" list.'],
    ['with 501 replies', JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ ...welcome, id: `r${i}` }))), 'Hailer keeps at most 500 saved replies.'],
    ['over 1 MB', JSON.stringify([{ ...welcome, body: 'x'.repeat(1_000_000) }]), 'This file is larger than 1 MB.'],
    ['over 1 MB in bytes', JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ ...welcome, id: `r${i}`, body: 'é'.repeat(5_100) }))), 'This file is larger than 1 MB.'],
  ])('refuses a file %s', (_name, text, problem) => {
    expect(parseSavedRepliesJson(text)).toEqual({ ok: false, problems: [problem] });
  });

  it('accepts exactly 500 replies', () => {
    const replies = Array.from({ length: 500 }, (_, i) => ({ ...welcome, id: `r${i}` }));
    expect(parseSavedRepliesJson(exportSavedRepliesJson(replies))).toEqual({ ok: true, replies });
  });

  it('never throws on generated input (10,000 cases)', () => {
    const replyLike = fc.record(
      { id: fc.string({ maxLength: 70 }), name: fc.string({ unit: 'grapheme', maxLength: 90 }), body: fc.string({ unit: 'grapheme', maxLength: 30 }), channel: fc.string({ maxLength: 8 }), subject: fc.jsonValue() },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.jsonValue().map((j) => JSON.stringify(j) ?? ''),
      fc.array(fc.oneof(replyLike, fc.jsonValue()), { maxLength: 5 }).map((list) => JSON.stringify({ savedReplies: list })),
    );
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parseSavedRepliesJson(text);
        if (parsed.ok) expect(parseSavedRepliesJson(exportSavedRepliesJson(parsed.replies))).toEqual(parsed);
        else expect(parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('saved replies list', () => {
  it('adds, replaces in place by id, and removes', () => {
    let list = upsertReply([], welcome);
    list = upsertReply(list, refund);
    list = upsertReply(list, { ...welcome, body: 'Hello' });
    expect(list).toEqual([{ ...welcome, body: 'Hello' }, refund]);
    expect(removeReply(list, 'welcome')).toEqual([refund]);
  });

  it('is stored under storage.local "savedReplies", where the compose panel reads it', async () => {
    await savedRepliesItem.setValue([welcome]);
    expect(await browser.storage.local.get('savedReplies')).toEqual({ savedReplies: [welcome] });
    await browser.storage.local.remove('savedReplies');
    expect(await savedRepliesItem.getValue()).toEqual([]);
  });
});

describe('reply picker', () => {
  const replies = [renewal, welcome, refund, { id: 'w2', name: 'Late welcome', body: 'x' }];

  it('filters by name in any case, prefix matches first', () => {
    expect(searchReplies(replies, 'WEL').map((r) => r.id)).toEqual(['welcome', 'w2']);
    expect(searchReplies(replies, ' re ').map((r) => r.id)).toEqual(['refund_1', 'renewal']);
    expect(searchReplies(replies, '')).toEqual(replies);
    expect(searchReplies(replies, 'zzz')).toEqual([]);
  });

  function setup() {
    const onPick = vi.fn();
    const onCancel = vi.fn();
    render(h(ReplyPicker, { replies, onPick, onCancel }));
    const search = screen.getByLabelText('Search saved replies');
    return { onPick, onCancel, search };
  }

  it('moves through the list with the arrows and picks with Enter', () => {
    const { onPick, search } = setup();
    expect(document.activeElement).toBe(search);
    const active = () => document.getElementById(search.getAttribute('aria-activedescendant')!)?.textContent;
    expect(screen.getByRole('listbox').querySelectorAll('[role="option"]')).toHaveLength(4);
    expect(active()).toBe('Plan renewal');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(active()).toBe('Refund issued');
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Refund issued');
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledExactlyOnceWith(welcome);
  });

  it('filters as the agent types and picks the first match', () => {
    const { onPick, search } = setup();
    fireEvent.input(search, { target: { value: 'ref' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Refund issued']);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledExactlyOnceWith(refund);
    fireEvent.input(search, { target: { value: 'nothing like it' } });
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(search.hasAttribute('aria-activedescendant')).toBe(false);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledTimes(1);
  });

  it('cancels with Escape without the panel seeing the key', () => {
    const { onCancel, onPick, search } = setup();
    const outer = vi.fn();
    document.addEventListener('keydown', outer);
    fireEvent.keyDown(search, { key: 'Escape' });
    document.removeEventListener('keydown', outer);
    expect(onCancel).toHaveBeenCalledOnce();
    expect(outer).not.toHaveBeenCalled();
    expect(onPick).not.toHaveBeenCalled();
  });
});

describe('options section', () => {
  const stored = () => savedRepliesItem.getValue();

  it('adds, edits, imports, exports and deletes replies', async () => {
    render(h(SavedReplies, {}));
    screen.getByRole('heading', { name: 'Saved replies' });
    fireEvent.input(screen.getByLabelText('Reply name'), { target: { value: ' Welcome ' } });
    fireEvent.input(screen.getByLabelText('Reply text'), { target: { value: 'Hi {{first_name}}' } });
    fireEvent.input(screen.getByLabelText('Email subject'), { target: { value: 'Hello' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add reply' }).closest('form')!);
    await waitFor(async () => expect(await stored()).toEqual([expect.objectContaining({ name: 'Welcome', body: 'Hi {{first_name}}', subject: 'Hello' })]));
    await screen.findByText('Reply saved.');

    fireEvent.click(screen.getByRole('button', { name: 'Edit reply Welcome' }));
    fireEvent.input(screen.getByLabelText('Reply text'), { target: { value: 'Hello there' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save reply' }).closest('form')!);
    await waitFor(async () => expect((await stored()).map((r) => r.body)).toEqual(['Hello there']));

    fireEvent.input(screen.getByLabelText('Replies to import (JSON)'), { target: { value: JSON.stringify([refund, { id: 'x', name: '' }]) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import replies' }));
    await screen.findByText(/Reply 2: the "name" needs 1 to 80 characters\./);
    expect(await stored()).toHaveLength(1);
    fireEvent.input(screen.getByLabelText('Replies to import (JSON)'), { target: { value: exportSavedRepliesJson([refund]) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import replies' }));
    await screen.findByText('Replies imported: 1.');
    expect((await stored()).map((r) => r.id)).toEqual([expect.stringMatching(/^reply-/), 'refund_1']);

    const link = screen.getByRole('link', { name: 'Export replies' });
    const exported = decodeURIComponent(link.getAttribute('href')!.replace(/^data:application\/json;charset=utf-8,/, ''));
    expect(parseSavedRepliesJson(exported)).toEqual({ ok: true, replies: await stored() });

    fireEvent.click(screen.getByRole('button', { name: 'Delete reply Refund issued' }));
    await waitFor(async () => expect((await stored()).map((r) => r.name)).toEqual(['Welcome']));
  });

  it('keeps a reply to one workspace, by its Intercom id code, when there are several', async () => {
    await savedRepliesItem.setValue([]);
    await workspacesItem.setValue({
      defaultId: 'ws1',
      list: [newWorkspace('ws1', 'Acme US', 0, { idCode: 'acmeus' }), newWorkspace('ws-eu', 'Acme EU', 1, { idCode: 'acmeeu' })],
    });
    render(h(SavedReplies, {}));
    const scope = (await screen.findByLabelText('Use in workspace')) as HTMLSelectElement;
    expect([...scope.options].map((o) => o.textContent)).toEqual(['Every workspace', 'Acme US', 'Acme EU']);
    fireEvent.input(screen.getByLabelText('Reply name'), { target: { value: 'EU hours' } });
    fireEvent.input(screen.getByLabelText('Reply text'), { target: { value: 'We answer 9–17 CET.' } });
    fireEvent.change(scope, { target: { value: 'acmeeu' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add reply' }).closest('form')!);
    await waitFor(async () => expect(await stored()).toEqual([expect.objectContaining({ name: 'EU hours', workspace: 'acmeeu' })]));
    await screen.findByText('only in Acme EU');
    // Shared with the team as a file, it names the same workspace in every agent's browser.
    expect(parseSavedRepliesJson(exportSavedRepliesJson(await stored()))).toEqual({ ok: true, replies: await stored() });
    await workspacesItem.setValue(null);
  });
});

describe('reply scope', () => {
  it('accepts a workspace id code and refuses anything else', () => {
    const scoped = { ...welcome, workspace: 'abc_12-x' };
    expect(parseSavedRepliesJson(JSON.stringify([scoped]))).toEqual({ ok: true, replies: [scoped] });
    expect(parseSavedRepliesJson(JSON.stringify([{ ...welcome, workspace: 'Acme EU' }]))).toEqual({
      ok: false,
      problems: ['Reply 1: the "workspace" must be a workspace\'s Intercom id code (letters, digits, - and _).'],
    });
  });
});
