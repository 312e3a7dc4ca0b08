// The Intercom client's public surface. Background service worker only: it holds the token.
// Nothing here touches extension storage when imported (./message-type and the caches do: import
// them by their own path), so the client also loads in Node for the contract tests.
export { INTERCOM_VERSION } from './version';
export {
  contactUrl,
  conversationUrl,
  endpointsFor,
  isBaseUrl,
  regionFromApp,
  type Endpoints,
  type IntercomRegion,
  type Region,
} from './regions';
export { errorFromResponse, isAmbiguous, isNetworkFailure, NETWORK_FAILURE, retryAtFrom, toHailerError } from './errors';
export {
  createIntercomClient,
  type CreateMessageRequest,
  type IntercomClient,
  type IntercomClientOptions,
  type IntercomConversation,
  type Me,
  type SentMessage,
  type UnreadableAnswer,
} from './client';
export {
  conversationsApi,
  partsAfter,
  type ConversationAction,
  type ConversationDetail,
  type ConversationsApi,
  type Part,
  type Team,
} from './conversations';
