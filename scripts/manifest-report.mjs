// `npm run manifest [path]`: what a built manifest asks for, and the warnings Chrome shows at
// install time for it (Chrome's permission-warning table; permissions with no warning omitted).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const warningFor = {
  notifications: 'Display notifications',
  tabs: 'Read your browsing history',
  history: 'Read and change your browsing history',
  bookmarks: 'Read and change your bookmarks',
  clipboardRead: 'Read data you copy and paste',
  downloads: 'Manage your downloads',
  management: 'Manage your apps, extensions, and themes',
  nativeMessaging: 'Communicate with cooperating native applications',
  webNavigation: 'Read your browsing history',
};
const broad = new Set(['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*']);
const hostOf = (pattern) => pattern.replace(/^[^:]+:\/\//, '').replace(/\/.*$/, '');

export function manifestReport(manifest) {
  const permissions = manifest.permissions ?? [];
  const hostPermissions = manifest.host_permissions ?? [];
  const optional = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  const contentScriptMatches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
  const hosts = [...new Set([...hostPermissions, ...contentScriptMatches].map(hostOf))];
  const warnings = [];
  if ([...hostPermissions, ...contentScriptMatches].some((p) => broad.has(p))) warnings.push('Read and change all your data on all websites');
  else if (hosts.length === 1) warnings.push(`Read and change your data on ${hosts[0]}`);
  else if (hosts.length > 1) warnings.push(`Read and change your data on ${hosts[0]} and ${hosts.length - 1} other websites`);
  for (const p of permissions) if (warningFor[p]) warnings.push(warningFor[p]);
  return { permissions, hostPermissions, optional, contentScriptMatches, warnings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2] ?? '.output/chrome-mv3/manifest.json';
  const report = manifestReport(JSON.parse(readFileSync(path, 'utf8')));
  console.log(`Manifest: ${path}`);
  console.log(`permissions:            ${report.permissions.join(', ')}`);
  console.log(`host permissions:       ${report.hostPermissions.join(', ')}`);
  console.log(`optional (at run time): ${report.optional.join(', ') || '—'}`);
  console.log(`content scripts on:     ${report.contentScriptMatches.join(', ')}`);
  console.log('install-time warnings:');
  for (const w of report.warnings) console.log(`  - ${w}`);
}
