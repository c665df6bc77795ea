import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EgressRefusedError } from './egress.ts';
import type { Egress } from './egress.ts';

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A WHATWG `fetch` whose every connection goes through the egress policy: the URL is checked as
 * written, and the socket opens only to an address the policy accepted (through its agents).
 * Node's own fetch cannot take those agents. Redirects are never followed: a 3xx is returned as
 * it is (as with `redirect: 'manual'`), so no hop can lead somewhere unchecked, and no header
 * (tokens) is carried to another host. Bodies are buffered: Earshot sends small JSON.
 */
export function createEgressFetch(egress: Egress): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const problem = egress.urlProblem(request.url);
    if (problem) throw new EgressRefusedError(problem);
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    if (body) headers['content-length'] = String(body.length);
    const { signal } = request;
    signal.throwIfAborted();
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(
        url,
        {
          method: request.method,
          headers,
          agent: secure ? egress.httpsAgent : egress.httpAgent,
        },
        (incoming) => {
          const status = incoming.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2)
            responseHeaders.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
          const empty = nullBodyStatuses.has(status) || request.method === 'HEAD';
          if (empty) incoming.resume();
          const stream = empty ? null : (Readable.toWeb(incoming) as WebReadableStream);
          try {
            resolve(
              new Response(stream as ReadableStream | null, {
                status,
                statusText: incoming.statusMessage ?? '',
                headers: responseHeaders,
              }),
            );
          } catch (error) {
            incoming.destroy();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      );
      const abort = () => {
        outgoing.destroy(signal.reason as Error);
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      outgoing.on('close', () => signal.removeEventListener('abort', abort));
      outgoing.on('error', (error) =>
        reject(
          error instanceof EgressRefusedError
            ? error
            : new TypeError('fetch failed', { cause: error }),
        ),
      );
      outgoing.end(body);
    });
  };
}
