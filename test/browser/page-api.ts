import type { Page } from 'playwright-core';

/**
 * Calls the API from inside the page, as the logged-in person (their cookie and CSRF token):
 * for a test's set-up and for checking what the UI changed on the server.
 */
export function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async (call) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      if (!response.ok) {
        throw new Error(`${call.method} ${call.path}: ${response.status} ${await response.text()}`);
      }
      return (await response.json()) as T;
    },
    { method, path, body },
  );
}

/** The id of the first mention of a conversation. */
export async function firstMentionId(
  page: Page,
  workspaceId: string,
  conversationId: string,
): Promise<string> {
  const detail = await pageApi<{ mentions: { id: string }[] }>(
    page,
    'GET',
    `/workspaces/${workspaceId}/conversations/${conversationId}`,
  );
  return detail.mentions[0]!.id;
}
