// A Salesforce-style contact record page built from Lightning Web Components (npm `lwc`), compiled
// with @lwc/rollup-plugin for its server-side runtime (@lwc/ssr-runtime): every component renders
// into native shadow DOM, declared in the page (<template shadowrootmode="open">), the fields two
// roots deep (c-record-page → c-record-field). SLDS class names, the owner (a teammate) in the
// highlights panel, and 18-character Salesforce record ids in the path.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const recordIds = ['0035g00000XyZaBAAV', '0035g00000QwErTAAZ', '0035g00000MnBvCAA1', '0035g00000LkJhGAA3', '0035g00000PoIuYAAR'];

/** The record page component, compiled for the server runtime and loaded from a temporary bundle. */
async function compiled() {
  const bundle = await rollup({
    input: join(here, 'lwc', 'entry.js'),
    plugins: [lwc({ targetSSR: true, ssrMode: 'sync', rootDir: here, modules: [{ dir: join(here, 'lwc') }] })],
    external: ['@lwc/ssr-runtime'],
    onwarn: () => {},
  });
  const file = join(here, 'node_modules', '.lwc-record-page.mjs');
  await bundle.write({ file, format: 'es' });
  return import(pathToFileURL(file).href);
}

export async function render() {
  const { RecordPage, renderComponent } = await compiled();
  const out = [];
  for (const [index, person] of people.entries()) {
    const list = fields(person, { reorder: index % 2 === 1, labels: { secondEmail: 'Other email', signedUp: 'Created' } }).filter((f) => f.key !== 'name');
    const activity = [
      ...person.log.map((who, i) => ({ id: `a${i}`, when: `2024-06-0${i + 1}`, text: `Email from ${who}` })),
      { id: 'created', when: person.signedUp, text: 'Contact created' },
    ];
    const markup = await renderComponent('c-record-page', RecordPage, { record: person, fields: list, owner: person.log[0] ?? team.admins[1], activity });
    out.push({
      url: `https://acme.lightning.force.test/lightning/r/Contact/${recordIds[index]}/view`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      html: documentOf({
        title: `${person.name} | Contact | Salesforce`,
        body: `<div class="oneHeader"><span class="slds-avatar" title="${team.agent}"></span><span class="userName">${team.agent}</span></div>\n<div class="oneContent">${markup}</div>`,
      }),
    });
  }
  return out;
}

export const family = {
  name: 'lwc-record',
  software: 'lwc + @lwc/rollup-plugin + @lwc/ssr-runtime: Lightning Web Components in native shadow DOM, SLDS markup',
  description: 'A Salesforce-style contact record from Lightning Web Components: native shadow DOM two roots deep, SLDS class names, a teammate as owner, 18-character record ids in the path',
  // Page A: the value of the "Email" field (the first; LWC does not reflect a field's label to an
  // attribute), through the page's root and the field's.
  teach: { pick: ['c-record-page', 'c-record-field:nth-of-type(1)', '.slds-form-element__static'] },
  // The same page's user id (the second field), taught instead of the email.
  teachUserId: { pick: ['c-record-page', 'c-record-field:nth-of-type(2)', '.slds-form-element__static'] },
};
