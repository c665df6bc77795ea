import { networkCatalogue } from '../../domain/networks.ts';
import type { Channel } from '../../api/contract.ts';

/** Whether the network pushes its mentions to a URL of ours (generic webhook, Meta). */
export function receivesPushes(network: string): boolean {
  return network in networkCatalogue
    ? networkCatalogue[network as keyof typeof networkCatalogue].listens === 'push'
    : false;
}

/** The address deliveries for this account go to, as the browser reaches this server. */
export function deliveryUrl(channelId: string, origin = window.location.origin): string {
  return `${origin}/hooks/${channelId}`;
}

/** A shell example that signs one mention with the account's secret and delivers it. */
export function signingExample(url: string, name: string): string {
  const body = JSON.stringify({
    account: name,
    id: 'form-1',
    text: 'My order never arrived',
    author: { id: 'c-42', handle: 'jane' },
    postedAt: '2026-12-07T09:30:00Z',
  });
  return [
    `body='${body.replaceAll("'", "'\\''")}'`,
    'ts=$(date +%s)',
    `sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
    `curl -H "X-Earshot-Timestamp: $ts" -H "X-Earshot-Signature: sha256=$sig" \\`,
    `  -H 'content-type: application/json' -d "$body" '${url}'`,
  ].join('\n');
}

/**
 * Where a pushing network delivers, shown on its channel card: the URL to paste into the
 * sender (a form, Meta's app settings) and, for the generic webhook, how to sign a delivery.
 * The secret is the one set when the account was connected or last edited; it is stored
 * encrypted and never shown again, so the example names it `$SECRET`.
 */
export function ChannelDelivery({ channel }: { channel: Channel }) {
  if (!receivesPushes(channel.network)) return null;
  const url = deliveryUrl(channel.id);
  const copy = (text: string) => void navigator.clipboard?.writeText(text).catch(() => {});
  return (
    <div className="channel-delivery">
      <p>
        <strong>Delivery URL</strong>{' '}
        <code aria-label={`Delivery URL of ${channel.name}`}>{url}</code>{' '}
        <button type="button" className="button" onClick={() => copy(url)}>
          Copy URL
        </button>
      </p>
      {channel.network === 'webhook' ? (
        <details>
          <summary>How to sign a delivery</summary>
          <p className="muted">
            Each delivery carries <code>X-Earshot-Timestamp</code> (Unix seconds) and{' '}
            <code>X-Earshot-Signature</code>: <code>sha256=</code> and the hex HMAC-SHA256 of{' '}
            <code>timestamp.body</code> with the secret set when this account was connected (Edit
            sets a new one). A wrong or old signature is refused and stores nothing.
          </p>
          {/* Focusable: a region that scrolls must be reachable from the keyboard. */}
          <pre className="channel-delivery__example" tabIndex={0}>
            <code>{signingExample(url, channel.name)}</code>
          </pre>
          <button
            type="button"
            className="button"
            onClick={() => copy(signingExample(url, channel.name))}
          >
            Copy example
          </button>
        </details>
      ) : (
        <p className="muted">
          Paste it as the callback URL in the Meta app's webhook settings, with the verify token set
          when this account was connected.
        </p>
      )}
    </div>
  );
}
