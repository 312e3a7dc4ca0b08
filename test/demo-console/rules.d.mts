import type { TeamRule } from '../../utils/detect';
/** The console's preset team rules (its /admin/users/{id} pages), for the host `consoleUrl` is on. */
export function demoTeamRules(consoleUrl: string): TeamRule[];
