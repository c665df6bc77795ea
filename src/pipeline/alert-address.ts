import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Alert webhooks are URLs an admin types, and the alert worker POSTs to them from inside the
 * operator's network: without a check, a webhook could reach the cloud's metadata service
 * (169.254.169.254), the database or an admin port on 127.0.0.1. Only public unicast addresses
 * may receive alerts unless the operator opts in (EARSHOT_ALERT_ALLOW_PRIVATE).
 */
const refusedRanges: Array<{ cidr: string; kind: string }> = [
  { cidr: '0.0.0.0/8', kind: '"this network"' },
  { cidr: '10.0.0.0/8', kind: 'private' },
  { cidr: '100.64.0.0/10', kind: 'shared (carrier-grade NAT)' },
  { cidr: '127.0.0.0/8', kind: 'loopback' },
  { cidr: '169.254.0.0/16', kind: 'link-local (cloud metadata)' },
  { cidr: '172.16.0.0/12', kind: 'private' },
  { cidr: '192.0.0.0/24', kind: 'IETF protocol' },
  { cidr: '192.0.2.0/24', kind: 'documentation' },
  { cidr: '192.88.99.0/24', kind: '6to4 relay' },
  { cidr: '192.168.0.0/16', kind: 'private' },
  { cidr: '198.18.0.0/15', kind: 'benchmarking' },
  { cidr: '198.51.100.0/24', kind: 'documentation' },
  { cidr: '203.0.113.0/24', kind: 'documentation' },
  { cidr: '224.0.0.0/4', kind: 'multicast' },
  { cidr: '240.0.0.0/4', kind: 'reserved' },
  // IPv6 outside 2000::/3 is never public: loopback, unspecified, IPv4-mapped, NAT64,
  // unique-local (fc00::/7, e.g. fd00:ec2::254), link-local, multicast.
  { cidr: '::/3', kind: 'non-global IPv6 (loopback, IPv4-mapped or NAT64)' },
  { cidr: '4000::/2', kind: 'reserved IPv6' },
  { cidr: '8000::/1', kind: 'unique-local, link-local, multicast or reserved IPv6' },
  // Inside 2000::/3, the blocks that tunnel to or stand for other addresses.
  { cidr: '2001::/23', kind: 'IETF protocol (Teredo)' },
  { cidr: '2001:db8::/32', kind: 'documentation' },
  { cidr: '2002::/16', kind: '6to4' },
];

const ranges = refusedRanges.map(({ cidr, kind }) => {
  const [network, prefix] = cidr.split('/') as [string, string];
  const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return { list, family, kind };
});

/** Why an IP address may not receive alerts (`a loopback address`), or undefined when it is public. */
export function nonPublicAddressReason(address: string): string | undefined {
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const family = version === 6 ? 'ipv6' : 'ipv4';
  const match = ranges.find(
    (range) => range.family === family && range.list.check(address, family),
  );
  return match ? `a ${match.kind} address` : undefined;
}

const optInHint = 'set EARSHOT_ALERT_ALLOW_PRIVATE=true to allow internal addresses';

/**
 * The problem with a webhook URL's host as written, before any lookup: an IP literal that is not
 * public (in any spelling the URL parser accepts, e.g. http://2130706433/) or a localhost name.
 */
export function webhookHostProblem(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost'))
    return `${url.hostname} is this machine; ${optInHint}`;
  return literalAddressProblem(url);
}

/** The problem with a URL whose host is an IP literal that is not public; names pass. */
export function literalAddressProblem(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) return undefined;
  const reason = nonPublicAddressReason(host);
  return reason ? `${url.hostname} is ${reason}; ${optInHint}` : undefined;
}

/** Raised when a webhook's name resolves to an address alerts may not go to. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENONPUBLIC';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves the name and refuses it when any answer is not public,
 * so the socket connects to the very address that was checked (no second lookup to rebind).
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    for (const { address } of addresses) {
      const reason = nonPublicAddressReason(address);
      if (reason)
        return callback(
          new NonPublicAddressError(`${hostname} resolves to ${address}, ${reason}; ${optInHint}`),
          [],
        );
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new NonPublicAddressError(`${hostname} has no address`), []);
    callback(null, first.address, first.family);
  });
}
