import type { WebhookMention } from '../webhook/webhook-schema.ts';
import type { ReplayItem } from './replay.ts';

/** A brand in the demo, with the things its customers typically say. */
interface DemoBrand {
  handle: string;
  name: string;
  /** Each conversation: the customer's first words, then (optionally) the brand's answer and the customer's follow-up. */
  conversations: { customer: string; brand?: string; followUp?: string; language?: string }[];
}

const brands: DemoBrand[] = [
  {
    handle: 'northwindair',
    name: 'Northwind Air',
    conversations: [
      {
        customer:
          '@northwindair flight NW212 delayed 3 hours and nobody at the gate says anything. Great.',
        brand:
          'So sorry about the wait. The delay is a crew-rest issue; new departure 17:40. We will keep you posted here.',
        followUp: 'Thanks for actually telling me something 🙏',
      },
      {
        customer:
          'Lost my bag on the Lisbon flight, tag NW448812. Who do I even talk to? @northwindair',
        brand:
          'Found it: your bag is in Lisbon and goes out on the 14:05. Can you DM us a delivery address?',
      },
      {
        customer:
          '@northwindair idea: let us pick seats in the app after check-in closes, the desk queue is 40 people long',
      },
      { customer: 'Crew on NW90 tonight were wonderful with my kids. Thank you @northwindair!' },
      {
        customer:
          '@northwindair mi vuelo fue cancelado y nadie responde en el teléfono. ¿Qué hago?',
        language: 'es',
      },
      {
        customer:
          '@northwindair why is your customer service only open 9 to 5 on weekdays? Planes fly on Sundays.',
      },
    ],
  },
  {
    handle: 'lumenbank',
    name: 'Lumen Bank',
    conversations: [
      {
        customer:
          '@lumenbank my card got declined abroad even though I set a travel notice. Stuck at a hotel desk.',
        brand:
          'That is stressful, sorry. We have lifted the block; please try again and tell us if it fails.',
        followUp: 'Worked, thank you!',
      },
      {
        customer:
          'Still waiting on a refund for a double charge from 3 weeks ago. @lumenbank this is not ok',
      },
      { customer: '@lumenbank does the savings account have a withdrawal limit?' },
      {
        customer: '@lumenbank Ihre App stürzt seit dem Update bei jeder Überweisung ab.',
        language: 'de',
      },
      { customer: '@lumenbank would love a way to split a payment with friends right in the app' },
    ],
  },
  {
    handle: 'brightcart',
    name: 'Brightcart',
    conversations: [
      {
        customer: 'Order #55120 says delivered but nothing at my door. @brightcart',
        brand: 'We are sorry! A replacement ships today, tracking by email within the hour.',
      },
      { customer: '@brightcart the new checkout is so much faster, nice work' },
      {
        customer: '@brightcart ma commande est arrivée cassée, deuxième fois ce mois-ci',
        language: 'fr',
      },
      {
        customer: '@brightcart 3rd time my groceries arrive without the frozen bag. Done with you.',
      },
      { customer: '@brightcart can I change the delivery slot after ordering?' },
    ],
  },
];

/** Small deterministic generator, so a demo (and its tests) play the same story every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const firstNames = [
  'ana',
  'ben',
  'chloe',
  'dev',
  'emil',
  'fatou',
  'gus',
  'hana',
  'ivan',
  'jo',
  'kai',
  'lea',
  'mo',
  'nia',
];

/**
 * Realistic demo mentions for a few brands, spread over `minutes`, in the generic webhook's
 * format (so the replay channel normalises them like any webhook). Threads carry the brand's
 * public answer and the customer's follow-up a few minutes later; a few authors have large
 * audiences, as in real life.
 */
export function demoMentions(
  options: { start: Date; minutes?: number; seed?: number } = { start: new Date(0) },
): ReplayItem[] {
  const random = seeded(options.seed ?? 7);
  const span = (options.minutes ?? 60) * 60_000;
  const items: ReplayItem[] = [];
  let serial = 0;
  for (const brand of brands) {
    for (const conversation of brand.conversations) {
      const name = firstNames[Math.floor(random() * firstNames.length)] ?? 'sam';
      const author = {
        id: `demo-${name}-${serial}`,
        handle: `${name}${Math.floor(random() * 900) + 100}`,
      };
      const followers =
        random() < 0.15 ? Math.floor(20_000 + random() * 200_000) : Math.floor(random() * 900);
      const at = options.start.getTime() + Math.floor(random() * span);
      const rootId = `demo-${brand.handle}-${serial++}`;
      const say = (
        id: string,
        text: string,
        when: number,
        extra: Partial<WebhookMention>,
      ): void => {
        items.push({
          at: new Date(when),
          raw: {
            id,
            text,
            postedAt: new Date(when).toISOString(),
            author: { ...author, followers },
            ...extra,
          },
        });
      };
      say(
        rootId,
        conversation.customer,
        at,
        conversation.language ? { language: conversation.language } : {},
      );
      if (conversation.brand) {
        const brandAt = at + Math.floor((3 + random() * 20) * 60_000);
        items.push({
          at: new Date(brandAt),
          raw: {
            id: `${rootId}-r1`,
            text: `@${author.handle} ${conversation.brand}`,
            postedAt: new Date(brandAt).toISOString(),
            author: { id: `brand-${brand.handle}`, handle: brand.handle, displayName: brand.name },
            parentId: rootId,
            rootId,
            fromBrand: true,
          } satisfies WebhookMention,
        });
        if (conversation.followUp) {
          say(`${rootId}-r2`, `@${brand.handle} ${conversation.followUp}`, brandAt + 4 * 60_000, {
            parentId: `${rootId}-r1`,
            rootId,
          });
        }
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
