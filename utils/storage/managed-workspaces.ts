// An administrator's policy can preset workspaces (name, region or custom addresses, Intercom id code,
// site mapping), never tokens: the admin deploys the mapping and each agent pastes only tokens. A
// preset is matched to a workspace by its name; the policy's fields win over the agent's edits, the
// agent's token, colour and default choice stay. Applied when the background starts and when the
// policy changes.
import { browser } from 'wxt/browser';
import { isBaseUrl, type Region } from '../intercom/regions';
import { newWorkspace, workspacesItem, readWorkspaces, type WorkspacesState } from './workspaces';

export interface WorkspacePreset {
  name: string;
  region: Region;
  apiBaseUrl?: string;
  appBaseUrl?: string;
  idCode?: string;
  sites?: string[];
}

/** The presets of a policy value; malformed entries are left out. */
export function presetsOf(value: unknown): WorkspacePreset[] {
  if (!Array.isArray(value)) return [];
  const presets: WorkspacePreset[] = [];
  for (const item of value as Record<string, unknown>[]) {
    if (typeof item !== 'object' || item === null || typeof item.name !== 'string' || !item.name.trim()) continue;
    const region = ['us', 'eu', 'au', 'custom'].includes(item.region as string) ? (item.region as Region) : 'us';
    const url = (v: unknown) => (typeof v === 'string' && isBaseUrl(v.replace(/\/+$/, '')) ? v.replace(/\/+$/, '') : undefined);
    const apiBaseUrl = url(item.apiBaseUrl);
    const appBaseUrl = url(item.appBaseUrl);
    presets.push({
      name: item.name.trim().slice(0, 100),
      region,
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
      ...(appBaseUrl ? { appBaseUrl } : {}),
      ...(typeof item.idCode === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(item.idCode) ? { idCode: item.idCode } : {}),
      sites: Array.isArray(item.sites) ? item.sites.filter((s): s is string => typeof s === 'string').slice(0, 50) : [],
    });
  }
  return presets;
}

/** The list with the presets applied: updated where a workspace has the preset's name, added where none has. */
export function withPresets(state: WorkspacesState, presets: readonly WorkspacePreset[], newId: () => string): WorkspacesState {
  const list = state.list.map((w) => ({ ...w }));
  for (const preset of presets) {
    const fields = {
      name: preset.name,
      nameFromIntercom: false,
      region: preset.region,
      apiBaseUrl: preset.apiBaseUrl ?? '',
      appBaseUrl: preset.appBaseUrl ?? '',
      sites: preset.sites ?? [],
      managed: true,
      ...(preset.idCode ? { idCode: preset.idCode } : {}),
    };
    const existing = list.find((w) => w.name === preset.name);
    if (existing) Object.assign(existing, fields);
    else list.push(newWorkspace(newId(), preset.name, list.length, fields));
  }
  return { ...state, list };
}

export async function applyManagedWorkspaces(): Promise<void> {
  const policy = await browser.storage.managed.get('workspaces').catch(() => ({}) as Record<string, unknown>);
  const presets = presetsOf(policy.workspaces);
  if (presets.length === 0) return;
  const next = withPresets(await readWorkspaces(), presets, () => `ws-${crypto.randomUUID().slice(0, 8)}`);
  await workspacesItem.setValue(next);
}
