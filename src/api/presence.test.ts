import { describe, expect, it } from 'vitest';
import { PresenceBoard, isPresenceNotice, typingTtlMs, viewingTtlMs } from './presence.ts';
import type { PresenceNotice } from './presence.ts';

const start = Date.parse('2026-11-29T12:00:00Z');
const at = (ms: number) => new Date(start + ms);

function notice(userId: string, state: PresenceNotice['state'], ms = 0): PresenceNotice {
  return {
    type: 'presence.updated',
    workspaceId: 'w1',
    conversationId: 'c1',
    userId,
    state,
    at: at(ms).toISOString(),
  };
}

describe('PresenceBoard', () => {
  it('keeps a viewer for the viewing time, a typist for the typing time', () => {
    const board = new PresenceBoard();
    board.apply(notice('u1', 'viewing'));
    board.apply(notice('u2', 'typing'));
    expect(board.list('w1', 'c1', at(1000)).map((p) => `${p.userId}:${p.state}`)).toEqual([
      'u1:viewing',
      'u2:typing',
    ]);
    expect(board.list('w1', 'c1', at(typingTtlMs + 1)).map((p) => p.state)).toEqual([
      'viewing',
      'viewing',
    ]);
    expect(board.list('w1', 'c1', at(viewingTtlMs + 1))).toEqual([]);
  });

  it('keeps typing when a viewing heartbeat comes in between, and forgets who left', () => {
    const board = new PresenceBoard();
    board.apply(notice('u1', 'typing'));
    board.apply(notice('u1', 'viewing', 1000));
    expect(board.list('w1', 'c1', at(2000))[0]?.state).toBe('typing');
    board.apply(notice('u1', 'left', 2500));
    expect(board.list('w1', 'c1', at(2600))).toEqual([]);
  });

  it('keeps workspaces and conversations apart, and sweeps what faded', () => {
    const board = new PresenceBoard();
    board.apply(notice('u1', 'viewing'));
    expect(board.list('w2', 'c1', at(0))).toEqual([]);
    expect(board.list('w1', 'c2', at(0))).toEqual([]);
    board.sweep(start + viewingTtlMs + 1);
    board.apply({ ...notice('u1', 'viewing'), at: at(-viewingTtlMs * 2).toISOString() });
    expect(board.list('w1', 'c1', at(0))).toEqual([]);
  });

  it('recognises only well-formed presence notices', () => {
    expect(isPresenceNotice(notice('u1', 'typing'))).toBe(true);
    expect(isPresenceNotice({ ...notice('u1', 'typing'), state: 'lurking' } as never)).toBe(false);
    const undated: PresenceNotice = { ...notice('u1', 'typing'), at: 'yesterday' };
    expect(isPresenceNotice(undated)).toBe(false);
    expect(isPresenceNotice({ type: 'conversation.updated', workspaceId: 'w1' })).toBe(false);
  });
});
