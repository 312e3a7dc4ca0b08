// The one way the background shows a notification: Hailer's icon, a title and a line. A browser
// without notifications (or one that refuses) only loses the notice, never the work behind it.
import { browser } from 'wxt/browser';

export function notify(id: string, title: string, message: string): Promise<void> {
  return (
    browser.notifications
      ?.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message })
      .then(
        () => {},
        () => {},
      ) ?? Promise.resolve()
  );
}
