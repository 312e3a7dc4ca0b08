// Where a send stands, as the panel shows it. Its own file because the panel, its outcome line and
// the conversation hook all speak it.
import type { PartSummary, WireError } from '@/utils/protocol';

export type Phase =
  | { name: 'idle' }
  | { name: 'waiting'; draftId: string }
  | { name: 'sending' }
  | { name: 'sent'; url: string; words?: string; followUpError?: WireError; copies?: number }
  | { name: 'collision'; parts: PartSummary[] }
  | { name: 'failed'; error: WireError; later?: boolean }
  | { name: 'undone' }
  | { name: 'scheduled'; at: number };
