import type { Caller, TestApi } from './api.ts';

/**
 * Opens a workspace's event stream as a browser would and waits for its `ready` event; `ended`
 * reads on and resolves with the last event name once the server ends the stream.
 */
export async function openReadyStream(api: TestApi, workspaceId: string, as: Caller) {
  const response = await api.app.request(`/api/v1/events?workspace=${workspaceId}`, {
    headers: as.bearer ? { authorization: `Bearer ${as.bearer}` } : { cookie: as.cookie! },
  });
  if (response.status !== 200) throw new Error(`the stream answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: ready')) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error('the stream ended before it was ready');
    text += decoder.decode(chunk.value, { stream: true });
  }
  return {
    async ended(): Promise<string | undefined> {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return [...text.matchAll(/event: (\S+)/g)].at(-1)?.[1];
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
  };
}
