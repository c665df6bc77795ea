import { describe, expect, it } from 'vitest';
import {
  heardAlive,
  heardError,
  heardEvents,
  judgeChannelHealth,
  watchChannel,
} from './channel-health.ts';

const t0 = Date.parse('2026-12-07T09:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const config = { errorWindowMs: 30_000, silenceWindowMs: 60_000 };

describe('channel health', () => {
  it('is healthy while connection errors have lasted less than the error window', () => {
    let state = heardError(watchChannel(at(0)), 'connect ECONNREFUSED', at(1));
    state = heardError(state, 'connect ECONNREFUSED', at(20));
    expect(judgeChannelHealth(state, at(30), config)).toEqual({ healthy: true });
  });

  it('fails with the last error once errors have lasted the error window', () => {
    let state = heardError(watchChannel(at(0)), 'connect ECONNREFUSED', at(1));
    state = heardError(state, 'getaddrinfo ENOTFOUND relay.example', at(20));
    expect(judgeChannelHealth(state, at(31), config)).toEqual({
      healthy: false,
      reason: 'cannot connect for 30 s: getaddrinfo ENOTFOUND relay.example',
    });
  });

  it('forgives errors followed by a sign of life', () => {
    let state = heardError(watchChannel(at(0)), 'reset', at(1));
    state = heardAlive(state, at(10));
    expect(judgeChannelHealth(state, at(45), config)).toEqual({ healthy: true });
  });

  it('forgives errors followed by delivered events, even from a source that never reports life', () => {
    const state = heardEvents(heardError(watchChannel(at(0)), 'reset', at(1)));
    expect(judgeChannelHealth(state, at(500), config)).toEqual({ healthy: true });
  });

  it('fails a source that reported life and then went silent for the silence window', () => {
    const state = heardAlive(watchChannel(at(0)), at(5));
    expect(judgeChannelHealth(state, at(64), config)).toEqual({ healthy: true });
    expect(judgeChannelHealth(state, at(65), config)).toEqual({
      healthy: false,
      reason: 'nothing heard from the network for 60 s',
    });
  });

  it('never takes a source that does not report life for silent', () => {
    expect(judgeChannelHealth(watchChannel(at(0)), at(3600), config)).toEqual({ healthy: true });
  });

  it('is healthy again on the next sign of life after a silence', () => {
    const silent = heardAlive(watchChannel(at(0)), at(5));
    expect(judgeChannelHealth(silent, at(100), config).healthy).toBe(false);
    expect(judgeChannelHealth(heardAlive(silent, at(101)), at(102), config)).toEqual({
      healthy: true,
    });
  });
});
