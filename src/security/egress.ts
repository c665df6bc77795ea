import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Where Earshot may connect. Channel URLs, reply URLs and alert webhooks are typed by admins (or
 * named by a network's own answers), and Earshot connects to them from inside the operator's
 * network with account tokens: without a check, one could reach the cloud's metadata service
 * (169.254.169.254), the database or an admin port on 127.0.0.1. Only public unicast addresses,
 * over https (wss), are reached unless the operator opts in (EARSHOT_ALLOW_PRIVATE_EGRESS).
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

/** Why an IP address may not be reached (`a loopback address`), or undefined when it is public. */
export function nonPublicAddressReason(address: string): string | undefined {
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const family = version === 6 ? 'ipv6' : 'ipv4';
  const match = ranges.find(
    (range) => range.family === family && range.list.check(address, family),
  );
  return match ? `a ${match.kind} address` : undefined;
}

const egressOptIn = 'EARSHOT_ALLOW_PRIVATE_EGRESS';
const optInHint = `set ${egressOptIn}=true to allow internal addresses`;

/** Raised instead of connecting: the destination is internal, or its scheme is not allowed. */
export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

/** The policy's refusal behind an error a client library wrapped (its cause chain), if any. */
export function egressRefusalIn(error: unknown): EgressRefusedError | undefined {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; depth += 1) {
    if (at instanceof EgressRefusedError) return at;
    at = at.cause;
  }
  return undefined;
}

/** Resolves a name to every address it has (tests give names internal answers). */
type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

interface EgressOptions {
  /** The operator's opt-in: loopback, private and link-local addresses, and plain http/ws. */
  allowPrivate: boolean;
  resolve?: Resolve;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** The one policy every outbound connection goes through; built once per process from config. */
export interface Egress {
  readonly allowPrivate: boolean;
  /** The problem with a URL as written (scheme, IP literal in any spelling, localhost), if any. */
  urlProblem(url: string | URL): string | undefined;
  /** urlProblem, then the name resolved: throws EgressRefusedError naming `field`. */
  checkUrl(url: string, field?: string): Promise<void>;
  /** A `lookup` for sockets: refuses a name when any of its answers is internal. */
  lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void;
  /** Pooled agents whose every connection is checked (literal hosts and resolved names). */
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
}

export function createEgress(options: EgressOptions): Egress {
  const resolve = options.resolve ?? systemResolve;
  const allowPrivate = options.allowPrivate;

  const urlProblem = (input: string | URL): string | undefined => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return `${String(input).slice(0, 200)} is not a URL`;
    }
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const plain = url.protocol === 'http:' || url.protocol === 'ws:';
    if (!secure && !plain) return `${url.protocol} URLs are not allowed`;
    if (allowPrivate) return undefined;
    return (
      hostProblem(url.hostname) ??
      (plain
        ? `${url.origin} is not https; set ${egressOptIn}=true to allow plain http`
        : undefined)
    );
  };

  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        for (const { address } of addresses) {
          const reason = allowPrivate ? undefined : nonPublicAddressReason(address);
          if (reason)
            return callback(
              new EgressRefusedError(`${hostname} resolves to ${address}, ${reason}; ${optInHint}`),
              [],
            );
        }
        const wanted = lookupOptions.family === 6 ? 6 : lookupOptions.family === 4 ? 4 : 0;
        const usable = addresses.filter((entry) => wanted === 0 || entry.family === wanted);
        if (lookupOptions.all) return callback(null, usable);
        const [first] = usable;
        if (!first) return callback(new EgressRefusedError(`${hostname} has no address`), []);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };

  const checkUrl = async (url: string, field?: string) => {
    const named = (problem: string) =>
      new EgressRefusedError(field ? `${field}: ${problem}` : problem);
    const problem = urlProblem(url);
    if (problem) throw named(problem);
    if (allowPrivate) return;
    const host = new URL(url).hostname;
    if (isIP(host.replace(/^\[(.*)\]$/, '$1'))) return;
    await new Promise<void>((done, fail) =>
      lookup(host, { all: true }, (error) =>
        error instanceof EgressRefusedError ? fail(named(error.message)) : done(),
      ),
    );
  };

  // Every connection these agents open is checked: an IP literal here (a lookup is never made
  // for one), a name in `lookup`, so the socket connects to the very address that was checked.
  // Their own pools: a socket opened without the check is never reused for a checked request.
  const guard = <T extends HttpAgent>(agent: T): T => {
    if (allowPrivate) return agent;
    const open = agent.createConnection.bind(agent);
    agent.createConnection = (connectOptions, callback) => {
      const host = String(connectOptions.host ?? connectOptions.hostname ?? '');
      const problem = hostProblem(host);
      if (problem) {
        queueMicrotask(() => callback?.(new EgressRefusedError(problem), undefined as never));
        return undefined as unknown as Duplex;
      }
      return open(connectOptions, callback);
    };
    return agent;
  };

  return {
    allowPrivate,
    urlProblem,
    checkUrl,
    lookup,
    httpAgent: guard(new HttpAgent({ keepAlive: true, lookup })),
    httpsAgent: guard(new HttpsAgent({ keepAlive: true, lookup })),
  };
}

/** The problem with a host as written, before any lookup: an internal IP literal or localhost. */
function hostProblem(hostname: string): string | undefined {
  const host = hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost'))
    return `${hostname} is this machine; ${optInHint}`;
  if (isIP(host) === 0) return undefined;
  const reason = nonPublicAddressReason(host);
  return reason ? `${hostname} is ${reason}; ${optInHint}` : undefined;
}

/** Public addresses only, https only: what applies when the operator has not opted in. */
export const publicEgress: Egress = createEgress({ allowPrivate: false });
