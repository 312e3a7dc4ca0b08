// The team rule a team lead would preset for this console: its /admin/users/{id} pages carry no
// markup, the user id is only in the URL. Match patterns ignore ports, so the rule names the host.
export function demoTeamRules(consoleUrl) {
  const { protocol, hostname } = new URL(consoleUrl);
  return [
    {
      id: 'demo-console-admin-users',
      name: 'Demo console: admin user pages',
      matches: `${protocol}//${hostname}/*`,
      urlIncludes: '^/admin/users/[^/?#]+',
      kind: 'user_id',
      source: { from: 'url', pattern: '^/admin/users/([^/?#]+)' },
      nameSelector: '[data-field="name"]',
    },
  ];
}
