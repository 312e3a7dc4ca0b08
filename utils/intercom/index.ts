// The Intercom client's public surface. Background service worker only: it holds the token.
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
export { errorFromResponse, isNetworkFailure, NETWORK_FAILURE, retryAtFrom, toHailerError, UNEXPECTED_RESPONSE } from './errors';
export {
  createIntercomClient,
  type CreateMessageRequest,
  type IntercomClient,
  type IntercomClientOptions,
  type IntercomConversation,
  type Me,
  type SentMessage,
} from './client';
export { inAppNamesItem, refusesMessageType, withInAppNameFallback, type InAppName } from './message-type';
export {
  conversationsApi,
  partsAfter,
  type ConversationAction,
  type ConversationDetail,
  type ConversationsApi,
  type Part,
  type Team,
} from './conversations';
