import { lexToJson } from '@atproto/lex-json';
import { websocket } from '@atproto/ws-client';
import type { ListeningTerms } from '../../domain/listening.ts';
import type { HeardBefore, RawEvent, SharedBatch } from '../channel.ts';
import { decodeFirehoseFrame } from './firehose-frames.ts';
import type { FirehoseFrame, PostOp, RepostOp } from './firehose-frames.ts';
import type {
  BlueskyPostChange,
  BlueskyPostEvent,
  BlueskyRepostEvent,
  MatchReason,
} from './post-event.ts';
import { parseRecordUri, quotedPostUri } from './post-event.ts';
import { TermsMatcher } from './terms-matcher.ts';

/** One account listening through the hub. */
export interface HubMember {
  id: string;
  brandDid: string;
  /**
   * Its brand's terms and its competitors' as they are now (a post any of them matches is heard);
   * read about once a second, compiled when they change.
   */
  terms(): readonly ListeningTerms[];
}

export interface FirehoseHubOptions {
  /** `ws(s)://` base of the relay (or PDS), without the XRPC path. */
  service: string;
  /** The last seq already stored; undefined starts from now. */
  cursor: number | undefined;
  /** The handle an author's DID document claims (cached by the caller), or undefined. */
  resolveHandle(did: string): Promise<string | undefined>;
  /** Stores a batch (every member's events, then the cursor) before the hub goes on. */
  deliver(batch: SharedBatch): Promise<void>;
  onError(error: Error): void;
  /** Called on every frame received. */
  onAlive?(at: Date): void;
  /** How often the cursor is stored when no post matched: 1 s. */
  cursorIntervalMs?: number;
  /** How often members' terms are read for changes: 1 s. */
  termsCheckMs?: number;
  /** How frames are decoded (the benchmark compares): decodeFirehoseFrame. */
  decode?: (bytes: Uint8Array) => FirehoseFrame;
  /** Most events in one batch (500); frames are not read while this many wait (2,000). */
  maxBatch?: number;
  maxPending?: number;
}

interface Pending {
  memberId: string;
  event: RawEvent;
  seq: number;
}

interface MemberState {
  member: HubMember;
  terms: readonly ListeningTerms[];
  termsKey: string;
}

/** Threads a brand posted in, remembered so replies anywhere in them are heard. */
const threadLimit = 100_000;
/** Authors heard, remembered so their deletions and edits are told (the least recent forgotten). */
const authorLimit = 200_000;

/** Adds members under a key of a bounded memory, as its most recent entry. */
function remember(
  memory: Map<string, Set<string>>,
  key: string,
  memberIds: Iterable<string>,
  limit: number,
): void {
  const members = memory.get(key) ?? new Set<string>();
  memory.delete(key);
  for (const id of memberIds) members.add(id);
  memory.set(key, members);
  // A Map iterates in insertion order: the first entries are the least recently used.
  for (const oldest of memory.keys()) {
    if (memory.size <= limit) break;
    memory.delete(oldest);
  }
}

/**
 * One subscription to a relay's `com.atproto.sync.subscribeRepos`, shared by every account that
 * listens to it: each frame is decoded once (only posts), and each post is matched once against
 * every member's brand terms (one Aho–Corasick automaton) and the Bluesky signals addressed to
 * the account (an @-mention facet of its DID, a quote of its post, a reply in its thread, its own
 * post). Matched posts go to `deliver` in batches, each with the seq up to which every matched
 * post has been handed over, so a stored cursor never skips one.
 */
export class FirehoseHub {
  readonly #options: Required<Omit<FirehoseHubOptions, 'onAlive' | 'cursor'>> &
    Pick<FirehoseHubOptions, 'onAlive'>;
  readonly #members = new Map<string, MemberState>();
  /** Member ids by their brand's DID. */
  #byDid = new Map<string, string[]>();
  #matcher: TermsMatcher<string> | undefined;
  #matcherDirty = true;
  #termsCheckedAt = 0;
  /** Thread root URI → members whose brand posted in it. */
  readonly #threads = new Map<string, Set<string>>();
  /** Author DID → members that heard a post of theirs: only their deletions and edits are told. */
  readonly #authors = new Map<string, Set<string>>();

  #pending: Pending[] = [];
  /** The last frame fully handled (its matches are pending or delivered). */
  #handledSeq: number | undefined;
  #storedSeq: number | undefined;
  #storedAt = 0;
  #flushing: Promise<void> | undefined;
  #closed = false;
  #wakeRetry: (() => void) | undefined;
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;
  /** Connections opened so far (reconnects included). */
  connections = 0;
  /** Frames received and frames that could not be decoded (skipped). */
  frames = 0;
  skippedFrames = 0;

  constructor(options: FirehoseHubOptions) {
    this.#options = {
      cursorIntervalMs: 1000,
      termsCheckMs: 1000,
      maxBatch: 500,
      maxPending: 2000,
      decode: decodeFirehoseFrame,
      ...options,
    };
    this.#handledSeq = options.cursor;
    this.#storedSeq = options.cursor;
  }

  /** Connects and starts reading (once the members known at start have been added). */
  start(): void {
    if (this.#closed) return;
    this.#running ??= this.#run();
  }

  /**
   * Adds an account; what it heard before (its brand's threads, the authors it heard) is
   * remembered as if heard now, the most recent last, so a new hub (a restart, another process
   * taking over) still hears replies in those threads and those authors' deletions and edits.
   */
  add(member: HubMember, heardBefore?: HeardBefore): void {
    const terms = member.terms();
    this.#members.set(member.id, { member, terms, termsKey: JSON.stringify(terms) });
    if (heardBefore) {
      for (const root of heardBefore.threadRoots.toReversed())
        this.#rememberThread(root, [member.id]);
      for (const author of heardBefore.authors.toReversed())
        remember(this.#authors, author, [member.id], authorLimit);
    }
    this.#membersChanged();
  }

  remove(memberId: string): void {
    if (!this.#members.delete(memberId)) return;
    for (const memory of [this.#threads, this.#authors])
      for (const [key, members] of memory) {
        members.delete(memberId);
        if (members.size === 0) memory.delete(key);
      }
    this.#membersChanged();
  }

  get size(): number {
    return this.#members.size;
  }

  /** Stops reading; resolves once no more batches will be delivered. Undelivered posts are replayed by the next reader from the stored cursor. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#abort.abort();
    this.#wakeRetry?.();
    await this.#running;
    while (this.#flushing) await this.#flushing;
  }

  /** Handles one frame (public for the benchmark and tests; the subscription calls it). */
  async handleFrame(bytes: Uint8Array): Promise<void> {
    this.frames += 1;
    const now = Date.now();
    this.#options.onAlive?.(new Date(now));
    if (now - this.#termsCheckedAt >= this.#options.termsCheckMs) this.#checkTerms(now);
    let frame;
    try {
      frame = this.#options.decode(bytes);
    } catch {
      this.skippedFrames += 1;
      return;
    }
    if (frame.kind === 'error') {
      if (frame.name === 'FutureCursor') this.#handledSeq = undefined;
      throw new Error(`the relay refused the subscription: ${frame.name} ${frame.message ?? ''}`);
    }
    if (frame.kind === 'info' || frame.seq === undefined) return;
    if (frame.kind === 'commit') {
      for (const post of frame.posts) {
        if (post.action === 'create') {
          if (post.record) await this.#matchPost(frame.seq, frame.repo, frame.time, post);
        } else if (this.#authors.has(frame.repo)) this.#tellChange(frame.seq, frame.time, post);
      }
      for (const repost of frame.reposts) {
        // Only reposts of a member's brand's own posts are kept (one map lookup for the rest).
        const ids = this.#byDid.get(authorOf(repost.subjectUri));
        if (ids && repost.subjectUri.includes('/app.bsky.feed.post/'))
          await this.#tellRepost(frame.seq, frame.repo, frame.time, repost, ids);
      }
    }
    this.#handledSeq = frame.seq;
    const cursorDue = now - this.#storedAt >= this.#options.cursorIntervalMs;
    if (this.#pending.length > 0 || (cursorDue && this.#handledSeq !== this.#storedSeq))
      this.#flushing ??= this.#flush();
    if (this.#pending.length >= this.#options.maxPending) await this.#flushing;
  }

  /** Resolves once every matched post so far is delivered and the cursor stored. */
  async drain(): Promise<void> {
    this.#storedAt = 0;
    if (this.#handledSeq !== this.#storedSeq || this.#pending.length > 0)
      this.#flushing ??= this.#flush();
    while (this.#flushing) await this.#flushing;
  }

  async #run(): Promise<void> {
    const { service } = this.#options;
    const stream = websocket(
      () => {
        const cursor = this.#handledSeq;
        const query = cursor === undefined ? '' : `?cursor=${cursor}`;
        return `${service}/xrpc/com.atproto.sync.subscribeRepos${query}`;
      },
      {
        dataMode: 'binary',
        signal: this.#abort.signal,
        maxReconnectSeconds: 30,
        highWaterMark: 256,
        onConnect: () => {
          this.connections += 1;
        },
        onReconnect: (error) => {
          if (!this.#closed) this.#options.onError(asError(error));
        },
      },
    );
    try {
      for await (const message of stream) {
        if (this.#closed) break;
        try {
          await this.handleFrame(message);
        } catch (error) {
          if (this.#closed) break;
          // The relay said no (an error frame): report it, and reconnect after a pause.
          this.#options.onError(asError(error));
          await this.#sleep(5000);
          return this.#closed ? undefined : this.#run();
        }
      }
    } catch (error) {
      if (this.#closed) return;
      this.#options.onError(asError(error));
      await this.#sleep(5000);
      if (!this.#closed) return this.#run();
    }
  }

  #membersChanged(): void {
    const byDid = new Map<string, string[]>();
    for (const [id, { member }] of this.#members) {
      const ids = byDid.get(member.brandDid) ?? [];
      ids.push(id);
      byDid.set(member.brandDid, ids);
    }
    this.#byDid = byDid;
    this.#matcherDirty = true;
  }

  #checkTerms(now: number): void {
    this.#termsCheckedAt = now;
    for (const state of this.#members.values()) {
      const terms = state.member.terms();
      if (terms === state.terms) continue;
      state.terms = terms;
      const key = JSON.stringify(terms);
      if (key === state.termsKey) continue;
      state.termsKey = key;
      this.#matcherDirty = true;
    }
  }

  #currentMatcher(): TermsMatcher<string> {
    if (this.#matcherDirty || !this.#matcher) {
      this.#matcher = new TermsMatcher(
        [...this.#members].flatMap(([key, state]) => state.terms.map((terms) => ({ key, terms }))),
      );
      this.#matcherDirty = false;
    }
    return this.#matcher;
  }

  async #matchPost(seq: number, repo: string, time: string, post: PostOp): Promise<void> {
    const record = post.record!;
    const reasons = new Map<string, MatchReason[]>();
    const give = (ids: Iterable<string> | undefined, reason: MatchReason) => {
      if (!ids) return;
      for (const id of ids) {
        const given = reasons.get(id);
        if (!given) reasons.set(id, [reason]);
        else if (!given.includes(reason)) given.push(reason);
      }
    };
    give(this.#byDid.get(repo), 'brand');
    for (const did of mentionedDids(record.facets)) give(this.#byDid.get(did), 'mention');
    if (typeof record.text === 'string') {
      const langs = record.langs;
      const language = Array.isArray(langs) && typeof langs[0] === 'string' ? langs[0] : undefined;
      for (const { key, matches } of this.#currentMatcher().match(record.text, language))
        for (const match of matches) give([key], match);
    }
    const quoted = quotedPostUri(record.embed);
    if (quoted) give(this.#byDid.get(authorOf(quoted)), 'quote');
    const reply = asObject(record.reply);
    const rootUri = refUri(reply?.root);
    if (reply) {
      const threadIds = new Set([
        ...(this.#byDid.get(authorOf(rootUri)) ?? []),
        ...(this.#byDid.get(authorOf(refUri(reply.parent))) ?? []),
        ...(rootUri ? (this.#threads.get(rootUri) ?? []) : []),
      ]);
      give(threadIds, 'thread');
    }
    if (reasons.size === 0) return;
    const brandIds = this.#byDid.get(repo);
    if (brandIds) this.#rememberThread(rootUri ?? post.uri, brandIds);
    const json = lexToJson(record as Parameters<typeof lexToJson>[0]) as BlueskyPostEvent['record'];
    const handle = await this.#options.resolveHandle(repo);
    remember(this.#authors, repo, reasons.keys(), authorLimit);
    for (const [memberId, matchedBy] of reasons) {
      const member = this.#members.get(memberId)!.member;
      const raw: BlueskyPostEvent = {
        kind: 'bluesky.post',
        uri: post.uri,
        cid: post.cid!,
        author: handle ? { did: repo, handle } : { did: repo },
        record: json,
        seq,
        time,
        fromBrand: repo === member.brandDid,
        matchedBy,
      };
      this.#pending.push({ memberId, event: { raw, cursor: String(seq) }, seq });
    }
  }

  /** A repost of a member's brand's post: told to that member (not when the brand reposts itself). */
  async #tellRepost(
    seq: number,
    repo: string,
    time: string,
    repost: RepostOp,
    memberIds: readonly string[],
  ): Promise<void> {
    const handle = await this.#options.resolveHandle(repo);
    const raw: BlueskyRepostEvent = {
      kind: 'bluesky.repost',
      uri: repost.uri,
      subjectUri: repost.subjectUri,
      author: handle ? { did: repo, handle } : { did: repo },
      ...(repost.createdAt ? { createdAt: repost.createdAt } : {}),
      seq,
      time,
    };
    for (const memberId of memberIds) {
      if (this.#members.get(memberId)?.member.brandDid === repo) continue;
      this.#pending.push({ memberId, event: { raw, cursor: String(seq) }, seq });
    }
  }

  /** A deletion or edit by an author some members heard: told to those members. */
  #tellChange(seq: number, time: string, post: PostOp): void {
    const members = this.#authors.get(authorOf(post.uri));
    if (!members) return;
    const raw: BlueskyPostChange = {
      kind: 'bluesky.post.change',
      action: post.action === 'delete' ? 'delete' : 'update',
      uri: post.uri,
      ...(post.record
        ? {
            record: lexToJson(
              post.record as Parameters<typeof lexToJson>[0],
            ) as BlueskyPostChange['record'],
          }
        : {}),
      seq,
      time,
    };
    for (const memberId of members)
      this.#pending.push({ memberId, event: { raw, cursor: String(seq) }, seq });
  }

  #rememberThread(rootUri: string, memberIds: Iterable<string>): void {
    remember(this.#threads, rootUri, memberIds, threadLimit);
  }

  async #flush(): Promise<void> {
    await Promise.resolve();
    let failures = 0;
    try {
      while (!this.#closed) {
        const batch = this.#pending.slice(0, this.#options.maxBatch);
        const rest = this.#pending[batch.length];
        const last = batch.at(-1);
        // A cursor that leaves nothing behind: all pending, or up to the last whole frame taken.
        const cursorSeq = !last
          ? this.#handledSeq
          : !rest
            ? this.#handledSeq
            : rest.seq === last.seq
              ? last.seq - 1
              : last.seq;
        if (batch.length === 0 && cursorSeq === this.#storedSeq) break;
        const heard = new Map<string, RawEvent[]>();
        for (const { memberId, event } of batch) {
          const events = heard.get(memberId) ?? [];
          events.push(event);
          heard.set(memberId, events);
        }
        try {
          await this.#options.deliver({
            heard: [...heard].map(([memberId, events]) => ({ memberId, events })),
            cursor: cursorSeq === undefined ? undefined : String(cursorSeq),
          });
          this.#pending.splice(0, batch.length);
          this.#storedSeq = cursorSeq;
          this.#storedAt = Date.now();
          failures = 0;
          if (this.#pending.length === 0) break;
        } catch (error) {
          this.#options.onError(asError(error));
          await this.#sleep(Math.min(500 * 2 ** failures, 30_000));
          failures += 1;
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function mentionedDids(facets: unknown): string[] {
  if (!Array.isArray(facets)) return [];
  const dids: string[] = [];
  for (const facet of facets) {
    const features = asObject(facet)?.features;
    if (!Array.isArray(features)) continue;
    for (const feature of features) {
      const fields = asObject(feature);
      if (fields?.$type === 'app.bsky.richtext.facet#mention' && typeof fields.did === 'string')
        dids.push(fields.did);
    }
  }
  return dids;
}

function authorOf(uri: string | undefined): string {
  return (uri && parseRecordUri(uri)?.did) || '';
}

function refUri(ref: unknown): string | undefined {
  const uri = asObject(ref)?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
