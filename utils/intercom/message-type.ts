// Intercom's description disagrees with itself on how to name an in-app message: the request
// schema of POST /messages says `in_app`, while its examples, the `message` response and Intercom's
// own SDK say `inapp`. Hailer sends what the pinned schema says; if a workspace answers that the
// message type is wrong, it sends once more with the other name, and remembers per workspace the
// one that worked, so the next send takes one round trip again. A 400/422 is a definite "no" (no
// message was created), so this retry can never send a message twice.
import { storage } from '@wxt-dev/storage';
import { isHailerError } from '../errors';

export type InAppName = 'in_app' | 'inapp';
export const SCHEMA_IN_APP_NAME: InAppName = 'in_app';

/** The in-app name each workspace (by its id code) accepted, where it is not the schema's. */
export const inAppNamesItem = storage.defineItem<Record<string, InAppName>>('local:inAppNames', { fallback: {} });

const otherName = (name: InAppName): InAppName => (name === 'in_app' ? 'inapp' : 'in_app');

/**
 * Whether Intercom refused the message because of its type: a 400/422 whose wording names the
 * message type, or a bare `parameter_invalid` that names no parameter at all. Any other refusal
 * (a missing subject, an unknown contact) is not about the type and is never retried.
 */
export function refusesMessageType(error: unknown): boolean {
  if (!isHailerError(error) || error.code !== 'invalid_message' || (error.status !== 400 && error.status !== 422)) return false;
  const wording = error.detail ?? '';
  return /message[ _-]?type/i.test(wording) || wording.trim() === 'parameter_invalid';
}

interface MessageRequest {
  message_type: string;
}

/**
 * Wraps a client's createMessage for one workspace: in-app messages go out under the name that
 * workspace accepts, falling back once to the other name when Intercom refuses the type.
 */
export function withInAppNameFallback<Req extends MessageRequest, Res>(
  createMessage: (request: Req) => Promise<Res>,
  workspaceId: string,
  names: { get(): Promise<Record<string, InAppName>>; set(value: Record<string, InAppName>): Promise<void> } = {
    get: () => inAppNamesItem.getValue(),
    set: (value) => inAppNamesItem.setValue(value),
  },
): (request: Req) => Promise<Res> {
  return async (request) => {
    if (request.message_type !== 'in_app') return createMessage(request);
    const known = (await names.get())[workspaceId] ?? SCHEMA_IN_APP_NAME;
    try {
      return await createMessage({ ...request, message_type: known });
    } catch (error) {
      if (!refusesMessageType(error)) throw error;
      const other = otherName(known);
      const result = await createMessage({ ...request, message_type: other });
      const all = await names.get();
      await names.set({ ...all, [workspaceId]: other });
      return result;
    }
  };
}
