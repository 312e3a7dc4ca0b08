// "Copy for the team" in the teach frame: the proposed rule as a file in the export format (what a
// team lead pastes into the file behind the team rules address, or imports), on the clipboard.
import { exportRulesJson, type TeamRule } from '../detect/team-rules';

/**
 * The async clipboard first; where the frame may not use it (a console's Permissions-Policy can
 * refuse it to the frames it holds), the older copy command on a hidden text field, still inside
 * the click. False when neither worked.
 */
export async function copyForTeam(rule: TeamRule, doc: Document = document): Promise<boolean> {
  const text = exportRulesJson([rule]);
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = doc.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    doc.body.append(field);
    field.select();
    try {
      return doc.execCommand('copy');
    } catch {
      return false;
    } finally {
      field.remove();
    }
  }
}
