/** A server-sent event stream read with fetch: waits for the next event of a given name. */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const waiters: Array<{ type: string; resolve: (data: string) => void }> = [];
  const dispatch = (type: string, data: string) => {
    const index = waiters.findIndex((waiter) => waiter.type === type);
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(data);
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const type = field('event');
          if (type) dispatch(type, field('data') ?? '');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    /** The data of the next event of this name that arrives after the call. */
    next(type: string, timeoutMs: number): Promise<string> {
      return new Promise((resolve, reject) => {
        const waiter = {
          type,
          resolve: (data: string) => {
            clearTimeout(timer);
            resolve(data);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no ${type} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => controller.abort(),
  };
}
