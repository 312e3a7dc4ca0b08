// `npm run demo`'s bulk send (issue 19): a batch of 20 of the console's affected customers, ticked in
// the popup's "People on this page" (the list page has 200), sent one personal message each from the
// bulk page.
export async function tourBulk({ context, worker, consoleUrl, extensionId, screenshot }) {
  const list = await context.newPage();
  await list.goto(`${consoleUrl}/incidents/billing-run`);
  const tabId = await worker.evaluate(async (url) => (await globalThis.chrome.tabs.query({ url }))[0].id, `${consoleUrl}/incidents/billing-run`);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  const people = popup.getByRole('list', { name: 'People on this page' }).getByRole('checkbox');
  await people.first().waitFor();
  for (let i = 0; i < 20; i++) await people.nth(i).check();
  await screenshot(popup, 'bulk-select-all');
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Message selected' }).click();
  const bulk = await opened;
  const message = bulk.getByRole('textbox', { name: 'Message', exact: true });
  await message.waitFor();
  await message.fill('Hi {{user.first_name|fallback:"there"}}, the billing run of 1 December failed for {{user.custom_attributes.invoice}}. Nothing to do on your side: we retry it tonight.');
  const send = bulk.getByRole('button', { name: /^Send to \d+ people$/ });
  await send.waitFor();
  await screenshot(bulk, 'bulk-compose');
  const label = await send.textContent();
  await send.click();
  await bulk.getByRole('heading', { name: 'Done' }).waitFor({ timeout: 60_000 });
  await screenshot(bulk, 'bulk-done');
  console.log(`  bulk send: ${label} → ${await bulk.locator('p.counts').textContent()}`);
  await Promise.all([list.close(), popup.close(), bulk.close()]);
}
