import type { Network } from '../../domain/network.ts';

/** One post of the demo's sample threads; minutes are before "now" at seeding time. */
export interface DemoPost {
  id: string;
  network: Network;
  handle: string;
  name: string;
  followers: number;
  minutesAgo: number;
  text: string;
  replyTo?: string;
  fromBrand?: boolean;
  private?: boolean;
  likes?: number;
  reposts?: number;
}

// Realistic care traffic for a fictional airline: what customers really post, and the threads
// in which the brand answered. Everything here is invented.
export const demoPosts: DemoPost[] = [
  {
    id: 'p1',
    network: 'bluesky',
    handle: 'maya.bsky.social',
    name: 'Maya Lindqvist',
    followers: 48200,
    minutesAgo: 12,
    text: '@northwindair my flight NW482 was cancelled at the gate and nobody can tell us why. 200 people stuck in Denver. I want a refund, not a voucher.',
    reposts: 31,
    likes: 140,
  },
  {
    id: 'p2',
    network: 'x',
    handle: 'danielk',
    name: 'Daniel Kraus',
    followers: 312,
    minutesAgo: 25,
    text: 'Hey @NorthwindAir, how do I add a checked bag to a booking I made through an agency?',
  },
  {
    id: 'p3',
    network: 'mastodon',
    handle: 'priya@hachyderm.io',
    name: 'Priya',
    followers: 1890,
    minutesAgo: 40,
    text: 'Shoutout to the @northwindair crew on NW77 tonight, they found my daughter’s lost rabbit under row 14 and brought it to the gate. Made her year 🐰💙',
    likes: 88,
  },
  {
    id: 'p4',
    network: 'facebook',
    handle: 'tom.okafor',
    name: 'Tom Okafor',
    followers: 0,
    minutesAgo: 55,
    text: 'Third time asking: my bag has been "located" for 6 days and still hasn’t been delivered. File ref DENNW30921. Is anyone reading these?',
  },
  {
    id: 'p5',
    network: 'instagram',
    handle: 'lena.travels',
    name: 'Lena Vogt',
    followers: 22100,
    minutesAgo: 70,
    text: 'Would love it if Northwind let you pick seats for the whole family in one go instead of one by one 🙏 idea for the app team!',
  },
  {
    id: 'p6',
    network: 'google_reviews',
    handle: 'R. Alvarez',
    name: 'R. Alvarez',
    followers: 0,
    minutesAgo: 95,
    text: '2 stars. Check-in queue at terminal B took 50 minutes and only one desk was open. Staff were kind, but the process is broken.',
  },
  {
    id: 'p7',
    network: 'x',
    handle: 'jules_b',
    name: 'Jules B',
    followers: 5400,
    minutesAgo: 130,
    text: '@NorthwindAir charged twice for the same seat upgrade, order NW-77120. Need this reversed please.',
  },
  {
    id: 'p8',
    network: 'x',
    handle: 'NorthwindAir',
    name: 'Northwind Air',
    followers: 210000,
    minutesAgo: 118,
    replyTo: 'p7',
    fromBrand: true,
    text: '@jules_b We’re sorry about the double charge, Jules. Please DM us the last 4 digits of the card and we’ll reverse it today. ^AK',
  },
  {
    id: 'p9',
    network: 'x',
    handle: 'jules_b',
    name: 'Jules B',
    followers: 5400,
    minutesAgo: 100,
    replyTo: 'p8',
    text: '@NorthwindAir done, sent you a DM. Thanks for the quick answer.',
  },
  {
    id: 'p10',
    network: 'bluesky',
    handle: 'sam.codes',
    name: 'Sam',
    followers: 760,
    minutesAgo: 160,
    text: 'is the northwind app down for anyone else? can’t load my boarding pass and boarding starts in 20 min',
  },
  {
    id: 'p11',
    network: 'mastodon',
    handle: 'henrik@mastodon.social',
    name: 'Henrik',
    followers: 430,
    minutesAgo: 210,
    text: 'Hej @northwindair, finns det möjlighet att ta med cykel på flyget till Göteborg?',
  },
  {
    id: 'p12',
    network: 'facebook',
    handle: 'carla.m',
    name: 'Carla Mendes',
    followers: 0,
    minutesAgo: 240,
    private: true,
    text: 'Hi, I need to change the name on my ticket, my passport has my married name now. Booking ref QX7T2P.',
  },
  {
    id: 'p13',
    network: 'bluesky',
    handle: 'wanderwill.bsky.social',
    name: 'Will',
    followers: 15800,
    minutesAgo: 300,
    text: 'Contoso Airways lost my bag AGAIN. Switching to @northwindair for the next trip, heard good things.',
  },
  {
    id: 'p14',
    network: 'x',
    handle: 'aviationgeek',
    name: 'Avgeek Anna',
    followers: 88000,
    minutesAgo: 360,
    text: 'Northwind’s new A321neo cabin is genuinely the best economy seat in the US right now. Legroom + power at every seat.',
    likes: 950,
    reposts: 120,
  },
  {
    id: 'p15',
    network: 'instagram',
    handle: 'free.crypto.drop',
    name: 'FREE CRYPTO',
    followers: 3,
    minutesAgo: 20,
    text: '🚀🚀 Northwind fans! Claim your FREE airline crypto airdrop now 👉 bit.ly/fr33-nw DM for promo 💰💰',
  },
  {
    id: 'p16',
    network: 'google_reviews',
    handle: 'Kenji Sato',
    name: 'Kenji Sato',
    followers: 0,
    minutesAgo: 500,
    text: '5 stars. Smooth boarding, on-time departure, and the lounge in Seattle is lovely.',
  },
];

/** What people say about the competitor right now: heard for share of voice, never answered. */
export const demoCompetitorPosts: DemoPost[] = [
  {
    id: 'c1',
    network: 'x',
    handle: 'frequentflyer_fi',
    name: 'Fiona',
    followers: 2300,
    minutesAgo: 35,
    text: '@contosoair two hours on the tarmac at ORD and the Wi-Fi I paid for never worked. Refund please.',
  },
  {
    id: 'c2',
    network: 'bluesky',
    handle: 'marco.bsky.social',
    name: 'Marco Rossi',
    followers: 610,
    minutesAgo: 140,
    text: 'Contoso Airways upgraded me to business on the Boston flight for no reason at all. Lovely crew.',
  },
  {
    id: 'c3',
    network: 'google_reviews',
    handle: 'Dana P.',
    name: 'Dana P.',
    followers: 0,
    minutesAgo: 260,
    text: '1 star. Contoso lost my stroller at SEA and the desk told me to call a number nobody answers.',
  },
];

export const demoBrand = {
  name: 'Northwind Air',
  handles: ['@northwindair', '@NorthwindAir', 'northwindair.bsky.social'],
  keywords: ['northwind', 'northwind air'],
};

export const demoCompetitor = {
  name: 'Contoso Airways',
  handles: ['@contosoair'],
  keywords: ['contoso'],
};

export const demoTeams = ['Billing', 'Baggage', 'Customer Care'];

export const demoAgents = [
  {
    email: 'ana@northwind.example',
    name: 'Ana Kowalski',
    role: 'agent' as const,
    team: 'Customer Care',
  },
  { email: 'ben@northwind.example', name: 'Ben Adeyemi', role: 'agent' as const, team: 'Billing' },
  { email: 'lead@northwind.example', name: 'Rosa Lead', role: 'admin' as const, team: 'Baggage' },
];

/** The lead reads the competitor's mentions once a week and resolves them. */
export const demoCompetitorReader = 'lead@northwind.example';

/** What each demo agent can take: capacity and skills (Ana reads Swedish). */
export const demoAgentRouting: Record<string, { maxOpen: number; skills: string[] }> = {
  'ana@northwind.example': { maxOpen: 8, skills: ['swedish'] },
  'ben@northwind.example': { maxOpen: 8, skills: [] },
  'lead@northwind.example': { maxOpen: 4, skills: [] },
};

/** The demo's routing rules, in order, naming teams by name; the first match routes. */
export const demoRoutingRules = [
  {
    name: 'Refunds and double charges',
    when: [{ field: 'keywords' as const, any: ['refund', 'charged twice', 'double charge'] }],
    then: { team: 'Billing', tags: ['refund'] },
  },
  {
    name: 'Baggage',
    when: [{ field: 'keywords' as const, any: ['bag', 'baggage', 'luggage', 'suitcase'] }],
    then: { team: 'Baggage', tags: ['baggage'] },
  },
  {
    name: 'Swedish',
    // Keywords rather than the language label: a short post is often too short to tell.
    when: [{ field: 'keywords' as const, any: ['hej', 'tack', 'hallå', 'finns det'] }],
    then: {
      team: 'Customer Care',
      skills: ['swedish'],
      autoReply: 'Hej! Tack för att du hör av dig – Ana i vårt team svarar dig snart.',
    },
  },
  {
    name: 'Unhappy influencers',
    when: [
      { field: 'authorFollowers' as const, atLeast: 10_000 },
      { field: 'sentiment' as const, in: ['negative'] },
    ],
    then: { team: 'Customer Care', priority: 85, tags: ['vip'] },
  },
  {
    name: 'Complaints',
    when: [{ field: 'complaint' as const, is: true }],
    then: { team: 'Customer Care' },
  },
];

/** When no rule matches: triage category → team name. */
export const demoCategoryTeams: Record<string, string> = {
  REFUND: 'Billing',
  PAYMENT: 'Billing',
  INVOICE: 'Billing',
  CANCELLATION_FEE: 'Billing',
  DELIVERY: 'Baggage',
  FEEDBACK: 'Customer Care',
  ACCOUNT: 'Customer Care',
  ORDER: 'Customer Care',
  CONTACT: 'Customer Care',
  SOCIAL: 'Customer Care',
};
