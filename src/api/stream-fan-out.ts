import { setImmediate as nextTurn } from 'node:timers/promises';
import { addKeyed } from './keyed-sets.ts';

/** One open event stream, as the fan-out writes to it. */
export interface StreamSink {
  /** Takes bytes shared by every stream of the workspace: never to be changed. */
  write(frame: Uint8Array): void;
  /** Ends the stream (after what was written): notices were missed, the browser refetches. */
  end(): void;
}

/**
 * Streams written between two turns of the event loop. Between two slices, database answers and
 * new requests (a webhook delivery, the intake's next query) are served: a thousand streams
 * never hold the process for more than one slice's writes.
 */
const sliceSize = 100;

interface Pending {
  text: string;
  end: boolean;
}

/**
 * Writes server-sent event frames to every open stream of a workspace. A notice is serialised
 * once, not once per stream; notices that arrive while a round of writes is under way go out
 * together in the next round (one write per stream for all of them), so the work per stream
 * stays one write per round however fast notices come. Nothing here waits on a reader: a write
 * only queues bytes on the stream (each sink bounds its own backlog).
 */
export class StreamFanOut {
  readonly #sinks = new Map<string, Set<StreamSink>>();
  #pending = new Map<string, Pending>();
  #flushing = false;

  add(workspaceId: string, sink: StreamSink): () => void {
    return addKeyed(this.#sinks, workspaceId, sink);
  }

  has(workspaceId: string): boolean {
    return this.#sinks.has(workspaceId);
  }

  get size(): number {
    let count = 0;
    for (const set of this.#sinks.values()) count += set.size;
    return count;
  }

  /** Queues a frame for every stream of the workspace open now; `end` closes them after it. */
  send(workspaceId: string, frame: string, end = false): void {
    if (!this.#sinks.has(workspaceId)) return;
    const pending = this.#pending.get(workspaceId);
    if (pending) {
      // Nothing is written after an end: those streams are gone by then.
      if (!pending.end) pending.text += frame;
      pending.end ||= end;
    } else this.#pending.set(workspaceId, { text: frame, end });
    if (!this.#flushing) {
      this.#flushing = true;
      void this.#flush();
    }
  }

  /** Queues a frame for every open stream of every workspace. */
  sendAll(frame: string, end = false): void {
    for (const workspaceId of this.#sinks.keys()) this.send(workspaceId, frame, end);
  }

  async #flush(): Promise<void> {
    // Started on the next turn, so the notices of one commit (they arrive together) share it.
    await nextTurn();
    while (this.#pending.size > 0) {
      const round = this.#pending;
      this.#pending = new Map();
      for (const [workspaceId, pending] of round) {
        const sinks = [...(this.#sinks.get(workspaceId) ?? [])];
        const bytes = Buffer.from(pending.text);
        for (let from = 0; from < sinks.length; from += sliceSize) {
          if (from > 0) await nextTurn();
          for (const sink of sinks.slice(from, from + sliceSize)) {
            if (pending.text) sink.write(bytes);
            if (pending.end) sink.end();
          }
        }
      }
      if (this.#pending.size > 0) await nextTurn();
    }
    this.#flushing = false;
  }
}
