import type { HailerError } from '../../utils/errors';

/** What a send or reply ended in: 'sent', or the code of the HailerError it threw. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as HailerError).code;
  }
  return 'sent';
}
