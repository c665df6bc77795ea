import type { ChangeNotice } from '../store/changes.ts';

export const presenceStates = ['viewing', 'typing', 'left'] as const;
type PresenceState = (typeof presenceStates)[number];

/** Who is on a conversation, as every Earshot process hears it (NOTIFY `presence.updated`). */
export interface PresenceNotice extends ChangeNotice {
  type: 'presence.updated';
  conversationId: string;
  userId: string;
  state: PresenceState;
  /** When the browser said so (ISO); presence fades without a fresh word. */
  at: string;
}

export interface Presence {
  userId: string;
  state: 'viewing' | 'typing';
  at: string;
}

/** Browsers repeat "viewing" every 15 s and "typing" every 2 s while keys are pressed. */
export const viewingTtlMs = 40_000;
export const typingTtlMs = 6_000;

interface Entry {
  viewingUntil: number;
  typingUntil: number;
  at: string;
}

export function isPresenceNotice(notice: ChangeNotice): notice is PresenceNotice {
  const value = notice as Partial<PresenceNotice>;
  return (
    value.type === 'presence.updated' &&
    typeof value.conversationId === 'string' &&
    typeof value.userId === 'string' &&
    (presenceStates as readonly string[]).includes(value.state ?? '') &&
    typeof value.at === 'string' &&
    !Number.isNaN(Date.parse(value.at))
  );
}

/**
 * Presence kept briefly in memory. Every process applies every notice it hears, its own
 * included, so all of them answer alike without a table; a crashed browser fades on its own.
 */
export class PresenceBoard {
  readonly #conversations = new Map<string, Map<string, Entry>>();
  #applied = 0;

  apply(notice: PresenceNotice): void {
    const key = `${notice.workspaceId}/${notice.conversationId}`;
    const at = Date.parse(notice.at);
    let users = this.#conversations.get(key);
    if (notice.state === 'left') {
      users?.delete(notice.userId);
      if (users?.size === 0) this.#conversations.delete(key);
      return;
    }
    if (!users) {
      users = new Map();
      this.#conversations.set(key, users);
    }
    const before = users.get(notice.userId);
    users.set(notice.userId, {
      viewingUntil: at + viewingTtlMs,
      typingUntil: notice.state === 'typing' ? at + typingTtlMs : (before?.typingUntil ?? 0),
      at: notice.at,
    });
    // Now and then, forget conversations nobody has looked at for a while.
    this.#applied += 1;
    if (this.#applied % 1000 === 0) this.sweep(at);
  }

  list(workspaceId: string, conversationId: string, now: Date): Presence[] {
    const users = this.#conversations.get(`${workspaceId}/${conversationId}`);
    if (!users) return [];
    const time = now.getTime();
    const present: Presence[] = [];
    for (const [userId, entry] of users) {
      if (entry.viewingUntil < time) continue;
      present.push({
        userId,
        state: entry.typingUntil >= time ? 'typing' : 'viewing',
        at: entry.at,
      });
    }
    return present.sort((a, b) => a.userId.localeCompare(b.userId));
  }

  sweep(time: number): void {
    for (const [key, users] of this.#conversations) {
      for (const [userId, entry] of users) if (entry.viewingUntil < time) users.delete(userId);
      if (users.size === 0) this.#conversations.delete(key);
    }
  }
}
