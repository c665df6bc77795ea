/**
 * Alerts a care team wants before the press does: a brand's negative mentions jumping above
 * their usual rate, and a single post spreading fast. Pure: state in, state out, and the
 * time of each observation is a parameter.
 */

export interface SpikeConfig {
  /** How fast the usual rate forgets: after this long, an old rate weighs half. */
  halfLifeMinutes: number;
  /** Alert when the window's rate is at least this many times the usual rate. */
  ratio: number;
  /** …and the window holds at least this many negative mentions (no alerts on tiny counts). */
  minNegatives: number;
  /** The usual rate is never taken as lower than this, so a quiet brand does not alert on 3 posts. */
  floorPerHour: number;
  /** No alerts until the baseline has seen this much time. */
  warmupMinutes: number;
  /** After an alert, the same brand stays quiet this long. */
  cooldownMinutes: number;
}

export const defaultSpikeConfig: SpikeConfig = {
  halfLifeMinutes: 6 * 60,
  ratio: 3,
  minNegatives: 10,
  floorPerHour: 2,
  warmupMinutes: 6 * 60,
  cooldownMinutes: 60,
};

interface BrandBaseline {
  /** The exponentially weighted usual rate of negative mentions per hour. */
  negativePerHour: number;
  /** End of the last window observed, epoch milliseconds. */
  lastAt: number;
  observedMinutes: number;
  lastAlertAt?: number;
}

/** Per brand id; plain data so the pipeline can store it as JSON. */
export type SpikeState = Readonly<Record<string, BrandBaseline>>;

/** Counts for one brand over one window. Report every window, empty ones too: a gap counts as zero. */
export interface NegativeWindow {
  brandId: string;
  start: Date;
  end: Date;
  negative: number;
  total: number;
}

export interface SpikeAlert {
  kind: 'negative_spike';
  brandId: string;
  at: Date;
  negative: number;
  total: number;
  negativePerHour: number;
  usualPerHour: number;
  message: string;
}

const minuteMs = 60_000;

/** Folds one window into the brand's baseline and says whether it is a spike. */
export function observeNegativeWindow(
  state: SpikeState,
  window: NegativeWindow,
  config: SpikeConfig = defaultSpikeConfig,
): { state: SpikeState; alert?: SpikeAlert } {
  const start = window.start.getTime();
  const end = window.end.getTime();
  const previous = state[window.brandId];
  // A window from the past (a retry, a late batch) must not move the baseline backwards in
  // time, and a count that is not a number must not poison it for good.
  if (!(end > start) || (previous !== undefined && end <= previous.lastAt)) return { state };
  if (!Number.isFinite(window.negative) || window.negative < 0) return { state };
  const minutes = (end - start) / minuteMs;
  const negative = window.negative;
  const ratePerHour = (negative / minutes) * 60;

  if (previous === undefined) {
    const fresh: BrandBaseline = {
      negativePerHour: ratePerHour,
      lastAt: end,
      observedMinutes: minutes,
    };
    return { state: { ...state, [window.brandId]: fresh } };
  }

  const gapMinutes = Math.max(0, (start - previous.lastAt) / minuteMs);
  const usual = decay(previous.negativePerHour, gapMinutes, config.halfLifeMinutes);
  const observedMinutes = previous.observedMinutes + gapMinutes + minutes;
  const cooling =
    previous.lastAlertAt !== undefined &&
    end - previous.lastAlertAt < config.cooldownMinutes * minuteMs;
  const spike =
    observedMinutes - minutes >= config.warmupMinutes &&
    negative >= config.minNegatives &&
    ratePerHour >= config.ratio * Math.max(usual, config.floorPerHour) &&
    !cooling;

  const weight = 1 - Math.pow(0.5, minutes / config.halfLifeMinutes);
  const next: BrandBaseline = {
    negativePerHour: usual + weight * (ratePerHour - usual),
    lastAt: end,
    observedMinutes,
    ...(spike
      ? { lastAlertAt: end }
      : previous.lastAlertAt !== undefined
        ? { lastAlertAt: previous.lastAlertAt }
        : {}),
  };
  const nextState = { ...state, [window.brandId]: next };
  if (!spike) return { state: nextState };
  const times = ratePerHour / Math.max(usual, config.floorPerHour);
  return {
    state: nextState,
    alert: {
      kind: 'negative_spike',
      brandId: window.brandId,
      at: window.end,
      negative,
      total: window.total,
      negativePerHour: ratePerHour,
      usualPerHour: usual,
      message: `${negative} negative mentions in ${Math.round(minutes)} min, ${times.toFixed(1)}× the usual rate`,
    },
  };
}

/** The usual rate after `minutes` without a window: what an EWMA of zeros would give. */
function decay(rate: number, minutes: number, halfLifeMinutes: number): number {
  return rate * Math.pow(0.5, minutes / halfLifeMinutes);
}

interface PostSnapshot {
  at: Date;
  reposts?: number;
  quotes?: number;
  likes?: number;
}

export interface ViralConfig {
  repostsPerMinute: number;
  likesPerMinute: number;
  /** Reposts (or likes ×10) the window must hold at least, so one early repost is not "60 per minute". */
  minReposts: number;
}

export const defaultViralConfig: ViralConfig = {
  repostsPerMinute: 3,
  likesPerMinute: 30,
  minReposts: 20,
};

interface ViralVerdict {
  viral: boolean;
  repostsPerMinute: number;
  likesPerMinute: number;
  reason?: string;
}

/**
 * Whether one post spreads fast enough to need a person now: rates over the window since the
 * `previous` look (or since it was posted).
 */
export function detectViralPost(
  post: { postedAt: Date; current: PostSnapshot; previous?: PostSnapshot },
  config: ViralConfig = defaultViralConfig,
): ViralVerdict {
  const from = post.previous ?? { at: post.postedAt, reposts: 0, quotes: 0, likes: 0 };
  const minutes = Math.max((post.current.at.getTime() - from.at.getTime()) / minuteMs, 1);
  const reposts = Math.max(0, shares(post.current) - shares(from));
  const likes = Math.max(0, count(post.current.likes) - count(from.likes));
  const repostsPerMinute = reposts / minutes;
  const likesPerMinute = likes / minutes;
  const window = `${Math.round(minutes)} min`;
  if (reposts >= config.minReposts && repostsPerMinute >= config.repostsPerMinute) {
    return {
      viral: true,
      repostsPerMinute,
      likesPerMinute,
      reason: `reposted ${reposts}× in ${window}`,
    };
  }
  if (likes >= config.minReposts * 10 && likesPerMinute >= config.likesPerMinute) {
    return {
      viral: true,
      repostsPerMinute,
      likesPerMinute,
      reason: `liked ${likes}× in ${window}`,
    };
  }
  return { viral: false, repostsPerMinute, likesPerMinute };
}

function shares(snapshot: PostSnapshot): number {
  return count(snapshot.reposts) + count(snapshot.quotes);
}

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

const targetWords: Record<string, string> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

const utcTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/**
 * An SLA breach alert's one line, for people (the alerts page, email, chat): "SLA breached:
 * first response was due 7 Dec 2026, 14:05 UTC (policy "Within the hour")".
 */
export function slaBreachSummary(data: Record<string, unknown>): string {
  const target = typeof data['target'] === 'string' ? data['target'] : 'target';
  const due = typeof data['dueAt'] === 'string' ? new Date(data['dueAt']) : null;
  const when =
    due && !Number.isNaN(due.getTime()) ? ` was due ${utcTime.format(due)} UTC` : ' was missed';
  const policy = typeof data['policy'] === 'string' ? ` (policy “${data['policy']}”)` : '';
  return `SLA breached: ${targetWords[target] ?? target.replaceAll('_', ' ')}${when}${policy}`;
}
