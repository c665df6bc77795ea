/**
 * The URL to link to, or null when `raw` is not an absolute http(s) URL. Links to a
 * customer's post come from the internet: `javascript:`, `data:` and the like must never
 * become clickable.
 */
export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}
