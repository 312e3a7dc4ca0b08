// Whether a bulk page is open: the job's end, a pause and copies are told by a notification only when none is.
import { browser } from 'wxt/browser';
import { notify } from '../notify';

export async function bulkPageOpen(): Promise<boolean> {
  const getContexts = (browser.runtime as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts;
  if (!getContexts) return false;
  const page = browser.runtime.getURL('/bulk.html');
  const tabs = (await getContexts({ contextTypes: ['TAB'] }).catch(() => [])) as { documentUrl?: string }[];
  return tabs.some((c) => c.documentUrl?.startsWith(page));
}

/** A notification, unless a bulk page is open to show the same. */
export async function notifyUnlessPageOpen(id: string, title: string, message: string): Promise<void> {
  if (!(await bulkPageOpen())) await notify(id, title, message);
}
