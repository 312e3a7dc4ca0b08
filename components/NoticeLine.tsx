// A page's answer to a click (options, welcome). Successes are polite status updates; failures are alerts,
// so a screen reader announces them at once and nobody is left wondering whether Save did anything.
// Both regions are always in the page: live regions only announce changes to elements already there.
export type Notice = { kind: 'ok' | 'error'; text: string } | null;

export const ok = (text: string): Notice => ({ kind: 'ok', text });
export const problem = (text: string): Notice => ({ kind: 'error', text });

export function NoticeLine({ notice }: { notice: Notice }) {
  return (
    <>
      <p role="status" aria-live="polite" class={notice?.kind === 'ok' ? 'notice ok' : 'notice'}>
        {notice?.kind === 'ok' ? notice.text : ''}
      </p>
      <p role="alert" class={notice?.kind === 'error' ? 'notice error' : 'notice'}>
        {notice?.kind === 'error' ? notice.text : ''}
      </p>
    </>
  );
}
