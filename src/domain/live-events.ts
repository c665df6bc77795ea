/**
 * What a browser's event stream carries (ADR 0012): the closed list of its event types, each a
 * change notice of the stream's workspace. An event names what changed by id and carries no other
 * data, so it can never show a browser what its user may not see; the browser reads the changed
 * rows through the same authorised routes as any other read. The stream numbers its events 1, 2,
 * 3…: a browser that sees a number skipped, or connects again, refetches what it shows.
 */
export const streamEventTypes = [
  // A new mention opened a conversation (names both), or joined one.
  'conversation.created',
  'mention.created',
  // Anything else about a conversation: status, assignee, team, tags, notes, triage, SLA.
  'conversation.updated',
  'reply.updated',
  'presence.updated',
  'alert.raised',
] as const;

export type StreamEventType = (typeof streamEventTypes)[number];

export interface StreamEvent {
  type: StreamEventType;
  workspaceId: string;
  conversationId?: string | null;
  mentionId?: string;
  replyId?: string;
}

const isStreamEventType = (type: string): type is StreamEventType =>
  (streamEventTypes as readonly string[]).includes(type);

/**
 * The event a browser is sent for a change notice: its type, workspace and ids, nothing else
 * (a presence notice's user and state stay on the server). Undefined when browsers are not told.
 */
export function streamEventOf(
  notice: Omit<StreamEvent, 'type'> & { type: string },
): StreamEvent | undefined {
  const { type, workspaceId, conversationId, mentionId, replyId } = notice;
  if (!isStreamEventType(type)) return undefined;
  return {
    type,
    workspaceId,
    ...(conversationId !== undefined ? { conversationId } : {}),
    ...(mentionId !== undefined ? { mentionId } : {}),
    ...(replyId !== undefined ? { replyId } : {}),
  };
}
