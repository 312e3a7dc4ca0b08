// Settings the agent chooses in the options page. No secrets here: the token is in utils/vault.ts.
// storage.local is readable by content scripts, which is fine for these values.
import { storage } from '@wxt-dev/storage';
import type { AfterSend } from './protocol';

import type { Region } from './intercom/regions';
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
}

export const defaultSettings: Settings = {
  region: 'us',
  apiBaseUrl: '',
  appBaseUrl: '',
  sendAsAdminId: null,
  afterSend: 'open_new_tab',
  undoSeconds: 0,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: defaultSettings });

/** What GET /me said about the token, cached so pages can show the workspace without a round trip. */
export interface Workspace {
  id: string;
  name: string;
  region: string | null;
  adminId: string;
  adminName: string;
  adminEmail: string | null;
  /** The API base URL this was learnt from: a change of region or token invalidates it. */
  apiBaseUrl: string;
}

export const workspaceItem = storage.defineItem<Workspace | null>('local:workspace', { fallback: null });

export async function loadSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await settingsItem.getValue()) };
}
