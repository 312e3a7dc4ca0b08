// Before a scheduled send goes out: has the customer written since it was scheduled? Then the
// scheduled text may no longer fit (they answered the question, or asked a new one), so it is not
// sent. Only GET /conversations/{id} carries the parts, so the contact's conversations updated since
// are listed first and only those are read.
export interface CustomerWroteApi {
  findRecentConversations(q: { contactId: string; limit: number }): Promise<{ id: string; updatedAt: number }[]>;
  getConversation(id: string): Promise<{ customerWroteAt: number | null }>;
}

const LOOK_AT = 5;

export async function customerWroteSince(
  api: CustomerWroteApi,
  q: { contactId: string; conversationId?: string; sinceMs: number },
): Promise<boolean> {
  const since = Math.floor(q.sinceMs / 1000);
  const ids = q.conversationId
    ? [q.conversationId]
    : (await api.findRecentConversations({ contactId: q.contactId, limit: LOOK_AT })).filter((c) => c.updatedAt >= since).map((c) => c.id);
  for (const id of ids) {
    const { customerWroteAt } = await api.getConversation(id);
    if (customerWroteAt !== null && customerWroteAt >= since) return true;
  }
  return false;
}
