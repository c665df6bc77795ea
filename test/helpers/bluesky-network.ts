import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';

/** One account on the local PDS, logged in. */
export interface LocalBlueskyAccount {
  did: string;
  handle: string;
  password: string;
  agent: AtpAgent;
}

/** A real AT Protocol network (PLC directory + PDS with its firehose) on 127.0.0.1, for tests and benchmarks. */
export interface LocalBlueskyNetwork {
  pdsUrl: string;
  plcUrl: string;
  /** `ws://` base of the PDS's `com.atproto.sync.subscribeRepos`, as a relay would serve it. */
  firehoseUrl: string;
  /** The dev-env network itself, for what this helper does not wrap. */
  network: TestNetworkNoAppView;
  /** Creates an account; `name` (3+ characters, not reserved like `admin`) becomes `<name>.test`. */
  createAccount(name: string): Promise<LocalBlueskyAccount>;
  /** Stops every server and removes the temp directory. */
  close(): Promise<void>;
}

export interface LocalBlueskyNetworkOptions {
  /**
   * Longest wait of the PDS sequencer between polls when idle. The PDS backs off up to 1 s,
   * which would dominate every firehose delay a test or benchmark measures.
   */
  sequencerMaxBackoffMs?: number;
}

const loopbackPatched = Symbol.for('earshot.loopbackListen');
const unspecifiedHosts = new Set(['', '0.0.0.0', '::', undefined]);

/**
 * Every atproto server listens on all interfaces by default; a test network must never be
 * reachable from outside this machine, so any listen without a concrete host is bound to
 * 127.0.0.1. Applied once per process, before dev-env is imported.
 */
function bindServersToLoopback(): void {
  const proto = net.Server.prototype as net.Server & { [loopbackPatched]?: boolean };
  if (proto[loopbackPatched]) return;
  const originalListen = proto.listen;
  proto.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      if (typeof second !== 'string') args.splice(1, 0, '127.0.0.1');
      else if (unspecifiedHosts.has(second)) args[1] = '127.0.0.1';
    } else if (first === undefined || typeof first === 'function') {
      args.splice(0, first === undefined ? 1 : 0, 0, '127.0.0.1');
    } else if (
      typeof first === 'object' &&
      first !== null &&
      !('fd' in first) &&
      !('_handle' in first)
    ) {
      const options = first as net.ListenOptions;
      if (options.path === undefined && unspecifiedHosts.has(options.host))
        args[0] = { ...options, host: '127.0.0.1' };
    }
    return originalListen.apply(this, args as Parameters<net.Server['listen']>);
  } as net.Server['listen'];
  proto[loopbackPatched] = true;
}

/**
 * dev-env's entry point also loads the AppView and Ozone, which a PDS-only network never uses
 * and which triple the import time (~6 s → ~18 s on a busy 2-core machine): load the one module.
 */
async function importNetworkNoAppView(): Promise<{
  TestNetworkNoAppView: typeof TestNetworkNoAppView;
}> {
  const entry = createRequire(import.meta.url).resolve('@atproto/dev-env');
  const file = path.join(path.dirname(entry), 'network-no-appview.js');
  return (await import(pathToFileURL(file).href)) as {
    TestNetworkNoAppView: typeof TestNetworkNoAppView;
  };
}

interface SequencerInternals {
  exponentialBackoff(): Promise<void>;
}

/** Starts a PLC directory and a PDS in this process, with their data in a fresh temp directory. */
export async function startLocalBlueskyNetwork(
  options: LocalBlueskyNetworkOptions = {},
): Promise<LocalBlueskyNetwork> {
  bindServersToLoopback();
  const { TestNetworkNoAppView } = await importNetworkNoAppView();
  const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'earshot-bsky-'));
  // The PDS puts its SQLite files and blobs in fresh directories under os.tmpdir(): point that at ours.
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = dataRoot;
  let network: TestNetworkNoAppView;
  try {
    network = await TestNetworkNoAppView.create({});
  } catch (error) {
    await rm(dataRoot, { recursive: true, force: true });
    throw error;
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
  }

  const maxBackoffMs = options.sequencerMaxBackoffMs ?? 20;
  const sequencer = network.pds.ctx.sequencer as unknown as SequencerInternals;
  sequencer.exponentialBackoff = () => new Promise((resolve) => setTimeout(resolve, maxBackoffMs));

  const pdsUrl = `http://127.0.0.1:${network.pds.port}`;
  return {
    pdsUrl,
    plcUrl: `http://127.0.0.1:${network.plc.port}`,
    firehoseUrl: `ws://127.0.0.1:${network.pds.port}`,
    network,
    async createAccount(name) {
      const handle = `${name}.test`;
      const password = `password-of-${name}`;
      const agent = new AtpAgent({ service: pdsUrl });
      const created = await agent.createAccount({
        handle,
        password,
        email: `${name}@earshot.test`,
      });
      return { did: created.data.did, handle, password, agent };
    },
    async close() {
      try {
        await network.close();
      } finally {
        await rm(dataRoot, { recursive: true, force: true });
      }
    },
  };
}
