// The readers of bench/live, in their own process (forked by run.ts) so their CPU does not count
// against the server's: N server-sent event streams on /api/v1/events, one per session cookie,
// each on its own connection. It notes when each stream first shows each mention
// (`mention.created`, by mention id) and, told to, reports what it saw.
//   parent → { type: 'open', url, workspaceId, cookies } → 'opened' once every stream is ready
//   parent → { type: 'report' } → { type: 'report', heard: [[mentionId, count, lastAt]], … }
import http from 'node:http';

interface Open {
  type: 'open';
  url: string;
  workspaceId: string;
  cookies: string[];
}
type Message = Open | { type: 'report' } | { type: 'close' };

/** Per mention: how many streams showed it, and when the last one did (Date.now()). */
const heard = new Map<string, { count: number; lastAt: number }>();
const sockets: http.ClientRequest[] = [];
let ended = 0;
let otherEvents = 0;

function openStream(url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { cookie }, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`event stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      let ready = false;
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: ?(.*)$/m.exec(block)?.[1];
          if (type === 'ready' && !ready) {
            ready = true;
            resolve();
          } else if (type === 'mention.created') {
            const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '{}';
            const mentionId = (JSON.parse(data) as { mentionId?: string }).mentionId ?? '';
            const seen = heard.get(mentionId);
            if (seen) {
              seen.count += 1;
              seen.lastAt = at;
            } else heard.set(mentionId, { count: 1, lastAt: at });
          } else if (type) otherEvents += 1;
        }
      });
      response.on('end', () => {
        ended += 1;
      });
      response.on('error', () => {});
    });
    request.on('error', reject);
    sockets.push(request);
  });
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'open') {
      const url = `${message.url}/api/v1/events?workspace=${message.workspaceId}`;
      // A few at a time, as browsers arriving: each open costs the server a session look-up.
      const batch = 50;
      for (let from = 0; from < message.cookies.length; from += batch)
        await Promise.all(message.cookies.slice(from, from + batch).map((c) => openStream(url, c)));
      process.send!({ type: 'opened', streams: message.cookies.length });
    } else if (message.type === 'report') {
      process.send!({
        type: 'report',
        heard: [...heard].map(([id, seen]) => [id, seen.count, seen.lastAt]),
        ended,
        otherEvents,
      });
    } else {
      for (const request of sockets) request.destroy();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error('streams:', error);
    process.exit(1);
  });
});
