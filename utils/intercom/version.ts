// The Intercom API version every request pins with the `Intercom-Version` header. 2.14 is the
// default of Intercom's official Node SDK (intercom-client 7), so it is the version Intercom's own
// client is built and tested against. In 2.14 `conversation_id` is optional in the answer to
// POST /messages (2.11 required it), so the client reports it as possibly null and the send flow
// finds the conversation by searching when it is missing.
export const INTERCOM_VERSION = '2.14';
