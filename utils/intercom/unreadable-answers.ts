// The last answer from each workspace that Hailer could not read, for the options' diagnostics line:
// which operation, which fields and why, and when. It holds no token, no id and no message text
// (see UnreadableAnswer), so it may be shown to whoever helps the agent.
import { storage } from '@wxt-dev/storage';
import type { UnreadableAnswer } from './client';
import { oneAtATime } from '../one-at-a-time';

/** By Hailer's workspace id. */
export const unreadableAnswersItem = storage.defineItem<Record<string, UnreadableAnswer>>('local:unreadableAnswers', { fallback: {} });

const serially = oneAtATime();

export const recordUnreadableAnswer = (workspaceId: string, answer: UnreadableAnswer) =>
  serially(async () => {
    await unreadableAnswersItem.setValue({ ...(await unreadableAnswersItem.getValue()), [workspaceId]: answer });
  });

export const forgetUnreadableAnswers = (workspaceId: string) =>
  serially(async () => {
    const { [workspaceId]: _gone, ...rest } = await unreadableAnswersItem.getValue();
    await unreadableAnswersItem.setValue(rest);
  });
