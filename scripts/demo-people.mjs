// `npm run demo -- --headless`, issue 9's part of the tour: the demo console's helpdesk, which
// nobody prepared for Hailer (opened on localhost, where no content script runs): the popup's
// "People on this page", then "Teach Hailer this page" with the picker, and the next ticket found.
// Headless Chromium has no toolbar button: the popup is opened as a tab aimed at the ticket's tab.
export async function tourPeopleAndTeach({ context, worker, extensionId, consoleUrl, screenshot }) {
  const desk = `${consoleUrl.replace('127.0.0.1', 'localhost')}/desk/tickets`;
  const page = await context.newPage();
  await page.goto(`${desk}/5001`);
  const tabId = await worker.evaluate(async (url) => (await globalThis.chrome.tabs.query({ url }))[0].id, `${desk}/5001`);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  const list = popup.getByRole('list', { name: 'People on this page' });
  await list.getByRole('button', { name: /Marcus Lee/ }).waitFor({ timeout: 10_000 });
  await screenshot(popup, 'popup-people-on-this-page');
  const people = await list.getByRole('listitem').allInnerTexts();
  console.log(`  People on this page (ticket 5001): ${people.map((p) => p.replace(/\s+/g, ' ')).join(' | ')}`);

  await popup.getByRole('button', { name: 'Teach Hailer this page' }).click();
  await page.locator('hailer-picker').getByRole('status').waitFor();
  if (!popup.isClosed()) await popup.close();
  await page.bringToFront();
  await page.locator('.requester-email').hover();
  await screenshot(page, 'teach-picker-hover');
  await page.locator('.requester-email').click();
  const frame = page.frameLocator('hailer-picker iframe');
  await frame.getByText('Found marcus@globex.test').waitFor();
  await screenshot(page, 'teach-proposal');
  // (Resizing the popup tab's viewport made headless Chromium route later clicks over the teach
  // frame to the page, so the popup keeps the window's size.)
  await frame.getByRole('button', { name: 'Save rule' }).click();
  await page.getByLabel('Message', { exact: true }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'teach-saved-panel-without-reload');

  const next = await context.newPage();
  await next.goto(`${desk}/5002`);
  await next.getByRole('button', { name: /^Message / }).waitFor({ timeout: 10_000 });
  await screenshot(next, 'taught-rule-next-ticket');
  console.log('  Taught the helpdesk: ticket 5002 shows its launcher for priya@initech.test.');
}
