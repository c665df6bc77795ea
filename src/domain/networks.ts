import { networks, type Network } from './network.ts';

/**
 * How a network's mentions reach Earshot: a live stream, polling with a cursor, deliveries the
 * network pushes to a webhook, a file the CLI imports, or generated demo traffic. `none`: the
 * network has a name (labels, reply limits) but no channel hears it yet.
 */
type Listening = 'stream' | 'poll' | 'push' | 'file' | 'generated' | 'none';

/** One field of a network's credentials, as the connect form's example shows it. */
interface CredentialField {
  /** The key in the credentials object. */
  name: string;
  label: string;
  help: string;
  example: string | number | boolean | readonly string[];
  /** Left out of the example: the channel has a default. */
  optional?: true;
}

/** What Earshot knows about a network before any account is connected. */
interface NetworkEntry {
  label: string;
  listens: Listening;
  /**
   * Connected as an account (web app, API and CLI alike); the others are file imports the CLI
   * runs, or names without a channel.
   */
  connectable: boolean;
  /** Offered by the inbox's network filter. */
  inboxFilter: boolean;
  /** The fields the connect form's example names; the channel's own schema checks them all. */
  credentials: readonly CredentialField[];
}

const token = { label: 'Access token', example: '…' } as const;
const metaCredentials = [
  {
    name: 'pageId',
    label: 'Page id',
    help: 'The Facebook Page (for Instagram, the Page linked to the professional account)',
    example: '…',
  },
  {
    name: 'pageAccessToken',
    label: 'Page access token',
    help: "The Page's long-lived token",
    example: '…',
  },
  {
    name: 'appSecret',
    label: 'App secret',
    help: "Signs Meta's webhook deliveries and our appsecret_proof",
    example: '…',
  },
  {
    name: 'verifyToken',
    label: 'Verify token',
    help: "Our side of Meta's subscription handshake (8 characters or more), set the same in the app's webhook settings",
    example: 'a long random string',
  },
  {
    name: 'instagramAccountId',
    label: 'Instagram account id',
    help: 'The Instagram professional account, for an Instagram account',
    example: '…',
    optional: true,
  },
] as const;

/**
 * Every network Earshot names, in one place: the API's and the CLI's list of connectable networks,
 * the web app's connect form and its labels all read it.
 */
export const networkCatalogue = {
  bluesky: {
    label: 'Bluesky',
    listens: 'stream',
    connectable: true,
    inboxFilter: true,
    credentials: [
      {
        name: 'service',
        label: 'Service',
        help: "The brand account's PDS: https://bsky.social for accounts Bluesky hosts, or your own PDS's https address",
        example: 'https://bsky.social',
      },
      {
        name: 'identifier',
        label: 'Handle',
        help: "The brand's handle or DID",
        example: 'brand.bsky.social',
      },
      {
        name: 'appPassword',
        label: 'App password',
        help: "An app password, never the account's main password",
        example: 'xxxx-xxxx-xxxx-xxxx',
      },
      {
        name: 'firehoseUrl',
        label: 'Firehose URL',
        help: 'The relay (or a PDS) whose com.atproto.sync.subscribeRepos stream is heard, ws:// or wss://; default wss://bsky.network. Your own relay or PDS on a self-hosted network',
        example: 'wss://bsky.network',
        optional: true,
      },
      {
        name: 'plcUrl',
        label: 'PLC directory',
        help: 'Resolves DIDs to handles and PDS addresses; default https://plc.directory. Your own on a self-hosted network',
        example: 'https://plc.directory',
        optional: true,
      },
      {
        name: 'brandDid',
        label: 'Brand DID',
        help: "The brand account's DID, when known; otherwise resolved from the handle",
        example: 'did:plc:…',
        optional: true,
      },
    ],
  },
  mastodon: {
    label: 'Mastodon',
    listens: 'poll',
    connectable: true,
    inboxFilter: true,
    credentials: [
      {
        name: 'instanceUrl',
        label: 'Instance',
        help: "The brand account's server: https://mastodon.social, or your own instance's address",
        example: 'https://mastodon.social',
      },
      {
        name: 'accessToken',
        help: 'A token of an application on that server (Preferences → Development), scopes read and write:statuses',
        ...token,
      },
      {
        name: 'streaming',
        label: 'Streaming',
        help: 'Also hear mentions live over the streaming API (default true); polling runs either way',
        example: true,
        optional: true,
      },
    ],
  },
  x: {
    label: 'X',
    listens: 'poll',
    connectable: true,
    inboxFilter: true,
    credentials: [
      { name: 'accessToken', help: 'OAuth 2.0 user-context token', ...token },
      {
        name: 'userId',
        label: 'User id',
        help: "The brand account's user id (digits)",
        example: '12345',
      },
    ],
  },
  facebook: {
    label: 'Facebook',
    listens: 'push',
    connectable: true,
    inboxFilter: true,
    credentials: metaCredentials,
  },
  instagram: {
    label: 'Instagram',
    listens: 'push',
    connectable: true,
    inboxFilter: true,
    credentials: metaCredentials,
  },
  reddit: {
    label: 'Reddit',
    listens: 'none',
    connectable: false,
    inboxFilter: false,
    credentials: [],
  },
  google_reviews: {
    label: 'Google reviews',
    listens: 'poll',
    connectable: true,
    inboxFilter: true,
    credentials: [
      {
        name: 'accountId',
        label: 'Account id',
        help: 'The Business Profile account (digits)',
        example: '…',
      },
      {
        name: 'locationId',
        label: 'Location id',
        help: 'The location whose reviews are heard (digits)',
        example: '…',
      },
      { name: 'accessToken', help: 'OAuth 2.0 token with the business.manage scope', ...token },
    ],
  },
  reviews: {
    label: 'Reviews',
    listens: 'file',
    connectable: false,
    inboxFilter: false,
    credentials: [],
  },
  webhook: {
    label: 'Webhook',
    listens: 'push',
    connectable: true,
    inboxFilter: true,
    credentials: [
      {
        name: 'name',
        label: 'Source name',
        help: 'Names the source in the inbox',
        example: 'Contact form',
      },
      {
        name: 'secret',
        label: 'Secret',
        help: 'Shared with the sender; signs each delivery',
        example: 'at least 32 characters',
      },
      {
        name: 'replyUrl',
        label: 'Reply URL',
        help: 'Where replies are posted, signed like deliveries; without it the source is read-only',
        example: 'https://example.com/earshot-replies',
        optional: true,
      },
    ],
  },
  import: {
    label: 'Import',
    listens: 'file',
    connectable: false,
    inboxFilter: true,
    credentials: [],
  },
  replay: {
    label: 'Replay',
    listens: 'generated',
    connectable: true,
    inboxFilter: false,
    credentials: [
      {
        name: 'speed',
        label: 'Speed',
        help: '60 plays an hour of demo traffic in a minute',
        example: 60,
      },
      {
        name: 'minutes',
        label: 'Minutes',
        help: 'How long, in demo time, the traffic lasts',
        example: 60,
      },
      {
        name: 'seed',
        label: 'Seed',
        help: 'Picks which demo traffic is generated (default 7): the same seed plays the same posts',
        example: 7,
        optional: true,
      },
    ],
  },
} as const satisfies Record<Network, NetworkEntry>;

/** A network an account can be connected to. */
export type ConnectableNetwork = {
  [N in Network]: (typeof networkCatalogue)[N]['connectable'] extends true ? N : never;
}[Network];

/** The connectable networks, in the catalogue's order (the API's enum and the form's options). */
export const connectableNetworks = networks.filter(
  (network): network is ConnectableNetwork => networkCatalogue[network].connectable,
);

/** The networks the inbox can filter by, in the order the filter lists them. */
export const filterNetworks = networks.filter((network) => networkCatalogue[network].inboxFilter);

/** A network's display name; an unknown network shows as sent (it is still just text). */
export function networkName(network: string): string {
  return Object.hasOwn(networkCatalogue, network)
    ? networkCatalogue[network as Network].label
    : network;
}

/** Every credential field of a network, the optional ones too (the connect form lists them). */
export function credentialFields(network: ConnectableNetwork): readonly CredentialField[] {
  return networkCatalogue[network].credentials;
}

/** The connect form's example credentials: `{ "field": example, … }`, required fields only. */
export function credentialsExample(network: ConnectableNetwork): string {
  const fields = credentialFields(network)
    .filter((field) => !('optional' in field && field.optional))
    .map((field) => `"${field.name}": ${JSON.stringify(field.example)}`);
  return `{ ${fields.join(', ')} }`;
}
