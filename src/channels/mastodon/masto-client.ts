import { MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import type { mastodon } from 'masto';
import { HttpActionDispatcherHookMastodon } from 'masto/adapters/action/dispatcher-http-hook-mastodon.js';
import { createActionProxy, HttpActionDispatcher } from 'masto/adapters/action/index.js';
import { HttpConfigImpl } from 'masto/adapters/config/index.js';
import { BaseHttp } from 'masto/adapters/http/base-http.js';
import { getEncoding } from 'masto/adapters/http/get-encoding.js';
import { SerializerNativeImpl } from 'masto/adapters/serializers/index.js';
import type { HttpRequestParams, HttpResponse, Serializer } from 'masto/interfaces/index.js';

/**
 * masto's REST client with its HTTP layer swapped for one that calls `fetch` as given (the
 * egress policy's, security/egress-fetch.ts): masto's own calls the global fetch, which cannot
 * be told where it may connect. The rest (actions, paging, errors) is masto's.
 */
export function createMastoRestClient(options: {
  url: string;
  accessToken: string;
  timeout: number;
  fetch: typeof fetch;
}): mastodon.rest.Client {
  const serializer = new SerializerNativeImpl();
  const config = new HttpConfigImpl(
    { url: options.url, accessToken: options.accessToken, timeout: options.timeout },
    serializer,
  );
  const http = new PolicedHttp(config, serializer, options.fetch);
  const dispatcher = new HttpActionDispatcher(http, new HttpActionDispatcherHookMastodon(http));
  return createActionProxy<mastodon.rest.Client>(dispatcher, { context: ['api'] });
}

/** What masto's HttpNativeImpl does, with the fetch it is given. */
class PolicedHttp extends BaseHttp {
  readonly #config: HttpConfigImpl;
  readonly #serializer: Serializer;
  readonly #fetch: typeof fetch;

  constructor(config: HttpConfigImpl, serializer: Serializer, fetcher: typeof fetch) {
    super();
    this.#config = config;
    this.#serializer = serializer;
    this.#fetch = fetcher;
  }

  async request<T>(params: HttpRequestParams): Promise<HttpResponse<T>> {
    const { method, path, search, encoding = 'json', requestInit = {} } = params;
    const body = this.#serializer.serialize(encoding, params.body);
    const request = new Request(this.#config.resolvePath(path, search), {
      method,
      body,
      ...this.#config.mergeRequestInitWithDefaults(requestInit),
    });
    if (typeof body === 'string' && encoding === 'json')
      request.headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      response = await this.#fetch(request);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError')
        throw new MastoTimeoutError('Request timed out', { cause: error });
      throw error;
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new MastoUnexpectedError(
        `the instance redirected (HTTP ${response.status}) to ${response.headers.get('location') ?? 'nowhere'}; Earshot does not follow redirects`,
      );
    }
    const text = await response.text();
    const type = getEncoding(response.headers);
    if (!type)
      throw new MastoUnexpectedError(
        `The server returned data with an unknown encoding (HTTP ${response.status}).`,
      );
    const data = this.#serializer.deserialize<Record<string, unknown>>(type, text);
    if (!response.ok) {
      const { error: message, errorDescription, details, ...additionalProperties } = data;
      throw new MastoHttpError(
        {
          statusCode: response.status,
          message: String(message),
          description: errorDescription as string | undefined,
          details: details as MastoHttpError['details'],
          additionalProperties,
        },
        { cause: response },
      );
    }
    return { headers: response.headers, data: data as T };
  }
}
