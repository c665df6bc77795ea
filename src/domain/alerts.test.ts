import { describe, expect, it } from 'vitest';
import { detectViralPost, observeNegativeWindow, slaBreachSummary } from './alerts.ts';
import type { NegativeWindow, SpikeAlert, SpikeState } from './alerts.ts';

const t0 = Date.parse('2026-03-01T00:00:00Z');
const windowMinutes = 15;

/** Feeds consecutive 15-minute windows of negative counts; returns the alerts and the final state. */
function feed(counts: readonly number[], brandId = 'acme', from: SpikeState = {}, offset = 0) {
  let state = from;
  const alerts: Array<SpikeAlert & { index: number }> = [];
  counts.forEach((negative, i) => {
    const start = new Date(t0 + (offset + i) * windowMinutes * 60_000);
    const end = new Date(start.getTime() + windowMinutes * 60_000);
    const result = observeNegativeWindow(state, {
      brandId,
      start,
      end,
      negative,
      total: negative * 5,
    });
    state = result.state;
    if (result.alert) alerts.push({ ...result.alert, index: offset + i });
  });
  return { state, alerts };
}

// A day of ordinary traffic: 0–4 negative mentions every 15 minutes.
const ordinaryDay = Array.from({ length: 96 }, (_, i) => [2, 3, 1, 4, 0, 2, 3, 2][i % 8] ?? 0);

describe('observeNegativeWindow', () => {
  it('stays quiet on ordinary ups and downs', () => {
    expect(feed(ordinaryDay).alerts).toEqual([]);
  });

  it('alerts when negative mentions jump, saying by how much', () => {
    const { alerts } = feed([...ordinaryDay, 40]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.index).toBe(96);
    expect(alerts[0]?.negative).toBe(40);
    expect(alerts[0]?.usualPerHour).toBeGreaterThan(4);
    expect(alerts[0]?.usualPerHour).toBeLessThan(12);
    expect(alerts[0]?.message).toMatch(/^40 negative mentions in 15 min, \d+\.\d× the usual rate$/);
  });

  it('does not alert on tiny counts, even from a near-zero baseline', () => {
    const quiet = Array.from({ length: 96 }, (_, i) => (i % 20 === 0 ? 1 : 0));
    expect(feed([...quiet, 6]).alerts).toEqual([]);
    expect(feed([...quiet, 12]).alerts).toHaveLength(1);
  });

  it('does not alert before the baseline has warmed up', () => {
    expect(feed([2, 2, 40]).alerts).toEqual([]);
  });

  it('alerts once per cooldown during a long spike, again after it', () => {
    const { alerts } = feed([...ordinaryDay, 40, 45, 50, 40, 60, 60]);
    expect(alerts.map((a) => a.index)).toEqual([96, 100]);
  });

  it('follows slow growth without alerting', () => {
    const growing = Array.from({ length: 96 * 4 }, (_, i) => Math.round(2 * Math.pow(2, i / 96)));
    expect(feed(growing).alerts).toEqual([]);
  });

  it('treats a gap as quiet time, so the baseline decays', () => {
    const { state } = feed(ordinaryDay);
    const before = state.acme?.negativePerHour ?? 0;
    // The next window starts a day later.
    const after = feed([0], 'acme', state, 96 * 2).state.acme?.negativePerHour ?? 0;
    expect(after).toBeLessThan(before / 4);
  });

  it('keeps brands apart', () => {
    const acme = feed(ordinaryDay, 'acme');
    const both = feed([...ordinaryDay, 40], 'globex', acme.state);
    expect(both.alerts.map((a) => a.brandId)).toEqual(['globex']);
    expect(both.state.acme).toEqual(acme.state.acme);
  });

  it('ignores a window with an impossible count instead of poisoning the baseline', () => {
    const { state } = feed(ordinaryDay);
    const start = new Date(t0 + 96 * windowMinutes * 60_000);
    const end = new Date(start.getTime() + windowMinutes * 60_000);
    for (const negative of [Number.NaN, -4, Number.POSITIVE_INFINITY]) {
      const result = observeNegativeWindow(state, {
        brandId: 'acme',
        start,
        end,
        negative,
        total: 0,
      });
      expect(result.state).toBe(state);
    }
    expect(feed([40], 'acme', state, 96).alerts).toHaveLength(1);
  });

  it('ignores a window older than the last one and does not change its input state', () => {
    const { state } = feed(ordinaryDay);
    const frozen = structuredClone(state);
    const stale: NegativeWindow = {
      brandId: 'acme',
      start: new Date(t0),
      end: new Date(t0 + windowMinutes * 60_000),
      negative: 500,
      total: 500,
    };
    const result = observeNegativeWindow(state, stale);
    expect(result.alert).toBeUndefined();
    expect(result.state).toEqual(frozen);
    feed([40], 'acme', state, 96);
    expect(state).toEqual(frozen);
  });
});

describe('detectViralPost', () => {
  const postedAt = new Date(t0);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);

  it('flags a post reposted fast', () => {
    const verdict = detectViralPost({ postedAt, current: { at: at(10), reposts: 30 } });
    expect(verdict).toMatchObject({ viral: true, reason: 'reposted 30× in 10 min' });
    expect(verdict.repostsPerMinute).toBe(3);
  });

  it('does not flag the same count over a day', () => {
    expect(detectViralPost({ postedAt, current: { at: at(24 * 60), reposts: 30 } }).viral).toBe(
      false,
    );
  });

  it('does not flag a couple of early reposts however fast', () => {
    expect(detectViralPost({ postedAt, current: { at: at(0.1), reposts: 5 } }).viral).toBe(false);
  });

  it('measures since the previous look, so an old post taking off is caught', () => {
    const previous = { at: at(600), reposts: 10, likes: 50 };
    const current = { at: at(610), reposts: 60, likes: 80 };
    expect(detectViralPost({ postedAt, previous, current }).reason).toBe('reposted 50× in 10 min');
  });

  it('flags a flood of likes', () => {
    const verdict = detectViralPost({ postedAt, current: { at: at(5), likes: 400 } });
    expect(verdict).toMatchObject({ viral: true, reason: 'liked 400× in 5 min' });
  });
});

describe('slaBreachSummary', () => {
  it('says the target, the due time in words and the policy', () => {
    expect(
      slaBreachSummary({
        target: 'first_response',
        dueAt: '2026-12-07T14:05:00.000Z',
        policy: 'Within the hour',
      }),
    ).toBe('SLA breached: first response was due 7 Dec 2026, 14:05 UTC (policy “Within the hour”)');
  });

  it('still reads well when the event lacks a field or holds a bad date', () => {
    expect(slaBreachSummary({ target: 'resolution', dueAt: 'soon' })).toBe(
      'SLA breached: resolution was missed',
    );
    expect(slaBreachSummary({})).toBe('SLA breached: target was missed');
  });
});
