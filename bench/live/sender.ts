// The customers of bench/live, in their own process (forked by run.ts): new mentions at a fixed
// rate (open loop: each is sent on schedule, whether or not the earlier ones were answered), by
// one of two real channels:
//   webhook  signed POSTs to the webhook channel's /hooks/{id}; `sentAt` is taken just before
//            each request is written, and the answer's time is the POST's latency;
//   bluesky  posts naming the brand on a local AT Protocol network (PLC + PDS, started here),
//            which Earshot hears on the PDS's firehose; `sentAt` is taken just before the post.
// parent → { type: 'start', mode, … } → { type: 'started', bluesky? } (network's credentials)
// parent → { type: 'send', rate, seconds, … } → { type: 'sent', sends: Sent[] }
import http from 'node:http';
import { signWebhookBody } from '../../src/channels/webhook/webhook-signature.ts';
import type {
  LocalBlueskyAccount,
  LocalBlueskyNetwork,
} from '../../test/helpers/bluesky-network.ts';

export interface Sent {
  /** The mention's external id: the webhook `id`, or the post's at:// URI. */
  externalId: string;
  sentAt: number;
  /** How long the POST (webhook) or the post (Bluesky) took to answer. */
  answerMs: number;
  status: number;
}

type Message =
  | { type: 'start'; mode: 'webhook' | 'bluesky' }
  | {
      type: 'send';
      rate: number;
      seconds: number;
      run: string;
      hookUrl?: string;
      secret?: string;
      keyword: string;
    }
  | { type: 'close' };

let network: LocalBlueskyNetwork | undefined;
let brand: LocalBlueskyAccount | undefined;
const customers: LocalBlueskyAccount[] = [];

function postWebhook(hookUrl: string, secret: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve) => {
    const request = http.request(
      hookUrl,
      {
        method: 'POST',
        // A connection per delivery, as most webhook senders make: no reuse of a connection
        // the server is closing as idle (which a loaded machine turns into resets).
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-earshot-timestamp': String(timestamp),
          'x-earshot-signature': signWebhookBody(body, timestamp, secret),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', (error) => {
      console.error(`sender: a delivery failed: ${error.message}`);
      resolve(0);
    });
    request.end(body);
  });
}

async function sendOne(message: Extract<Message, { type: 'send' }>, n: number): Promise<Sent> {
  if (network) {
    const customer = customers[n % customers.length]!;
    const sentAt = Date.now();
    const started = performance.now();
    const post = await customer.agent
      .post({ text: `My ${message.keyword} is leaking again (${message.run} #${n})` })
      .catch(() => undefined);
    return {
      externalId: post?.uri ?? '',
      sentAt,
      answerMs: performance.now() - started,
      status: post ? 200 : 0,
    };
  }
  const externalId = `${message.run}-${n}`;
  const body = JSON.stringify({
    id: externalId,
    text: `My ${message.keyword} arrived broken, can you help? (${n})`,
    author: { id: `customer-${n % 500}`, handle: `customer${n % 500}` },
    postedAt: new Date().toISOString(),
  });
  const sentAt = Date.now();
  const started = performance.now();
  const status = await postWebhook(message.hookUrl!, message.secret!, body);
  return { externalId, sentAt, answerMs: performance.now() - started, status };
}

async function send(message: Extract<Message, { type: 'send' }>): Promise<Sent[]> {
  const total = Math.round(message.rate * message.seconds);
  const start = performance.now() + 50;
  const pending: Array<Promise<Sent>> = [];
  for (let n = 0; n < total; n += 1) {
    const wait = start + (n * 1000) / message.rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(sendOne(message, n));
  }
  return Promise.all(pending);
}

async function startBluesky() {
  const { startLocalBlueskyNetwork } = await import('../../test/helpers/bluesky-network.ts');
  network = await startLocalBlueskyNetwork({ sequencerMaxBackoffMs: 20 });
  brand = await network.createAccount('teapotco');
  for (const name of ['casey', 'robin', 'morgan', 'jamie'])
    customers.push(await network.createAccount(name));
  const appPassword = await brand.agent.com.atproto.server.createAppPassword({ name: 'bench' });
  return {
    service: network.pdsUrl,
    identifier: brand.handle,
    appPassword: appPassword.data.password,
    firehoseUrl: network.firehoseUrl,
    plcUrl: network.plcUrl,
  };
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      const bluesky = message.mode === 'bluesky' ? await startBluesky() : undefined;
      process.send!({ type: 'started', bluesky });
    } else if (message.type === 'send') {
      process.send!({ type: 'sent', sends: await send(message) });
    } else {
      await network?.close();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error('sender:', error);
    process.exit(1);
  });
});
