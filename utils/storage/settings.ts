// Settings the agent chooses in the options page. No secrets here: the token is in utils/storage/vault.ts.
// storage.local is readable by content scripts, which is fine for these values.
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import type { AfterSend } from '../protocol';
import type { Region } from '../intercom/regions';
import type { ConnectedWorkspace } from '../intercom/workspace-session';

export type { Region };

export interface Settings {
  region: Region;
  /** Only for region `custom` (the simulator, a proxy): API base URL and inbox base URL. */
  apiBaseUrl: string;
  appBaseUrl: string;
  /** Admin to send as; null = the token's own admin. */
  sendAsAdminId: string | null;
  afterSend: AfterSend;
  /** Undo window in seconds (0–30); 0 sends at once. */
  undoSeconds: number;
  /** What the panel's "Conversation" select starts on: a new conversation, or the latest open one. */
  defaultConversation?: 'new' | 'latest_open';
  /** The panel's "Follow-up" to start with. */
  defaultFollowUp?: 'none' | 'assign_me' | 'close' | 'snooze';
  /** "Our domains": people at these are the team, never offered as a page's people. Null = the admins' domains. */
  ourDomains: string[] | null;
  /** The reply watch (utils/compose/reply-watch.ts): absent = on. */
  replyWatch?: boolean;
  /** Most recipients one bulk send may have (the team's cap; a managed policy `bulkMaxRecipients` fixes it). */
  bulkMaxRecipients?: number;
}

/** A bulk send's cap: the team's setting, 500 unless set, never more than this. */
export const BULK_CAP_LIMIT = 5000;
export const BULK_CAP_DEFAULT = 500;
export const bulkCap = (settings: Pick<Settings, 'bulkMaxRecipients'>) =>
  Math.min(BULK_CAP_LIMIT, Math.max(1, Math.floor(Number(settings.bulkMaxRecipients) || BULK_CAP_DEFAULT)));

export const defaultSettings: Settings = {
  region: 'us',
  apiBaseUrl: '',
  appBaseUrl: '',
  sendAsAdminId: null,
  afterSend: 'open_new_tab',
  undoSeconds: 0,
  ourDomains: null,
};

/** Only what the agent saved; loadSettings fills in the rest. */
export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', { fallback: {} });

/**
 * Storage layout version 1 (one workspace): what GET /me said about the token. Version 2 keeps this
 * on each workspace's record (utils/storage/workspaces.ts); the migration reads this key, nothing writes it.
 */
export type Workspace = ConnectedWorkspace;

export const workspaceItem = storage.defineItem<Workspace | null>('local:workspace', { fallback: null });

/**
 * The agent's saved settings over the administrator's preset (managed storage: region and custom
 * URLs, see public/managed-schema.json) over the defaults.
 */
export async function loadSettings(): Promise<Settings> {
  const [managed, saved] = await Promise.all([managedPreset(), settingsItem.getValue()]);
  // The administrator's batch cap is a policy, not a preset: the agent's own value does not override it.
  const policy = managed.bulkMaxRecipients !== undefined ? { bulkMaxRecipients: managed.bulkMaxRecipients } : {};
  return { ...defaultSettings, ...managed, ...saved, ...policy };
}

async function managedPreset(): Promise<Partial<Settings>> {
  // Rejects where no policy exists (Firefox without one): no preset then.
  const policy = await browser.storage.managed.get(['region', 'apiBaseUrl', 'appBaseUrl', 'bulkMaxRecipients']).catch(() => ({}) as Record<string, unknown>);
  const preset: Partial<Settings> = {};
  if (['us', 'eu', 'au', 'custom'].includes(policy.region as string)) preset.region = policy.region as Region;
  if (typeof policy.apiBaseUrl === 'string') preset.apiBaseUrl = policy.apiBaseUrl.replace(/\/+$/, '');
  if (typeof policy.appBaseUrl === 'string') preset.appBaseUrl = policy.appBaseUrl.replace(/\/+$/, '');
  if (typeof policy.bulkMaxRecipients === 'number' && policy.bulkMaxRecipients >= 1) preset.bulkMaxRecipients = policy.bulkMaxRecipients;
  return preset;
}

let lastSave: Promise<unknown> = Promise.resolve();
/**
 * Saves these settings over what is stored. Each options section saves only its own fields, and
 * saves are written one after another, so two sections saving at once never undo each other.
 */
export function saveSettings(patch: Partial<Settings>): Promise<void> {
  const write = lastSave.then(async () => settingsItem.setValue({ ...(await settingsItem.getValue()), ...patch }));
  lastSave = write.catch(() => {});
  return write;
}
