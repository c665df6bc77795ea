import { describe, expect, it } from 'vitest';
import { routeConversation } from './routing.ts';
import type { RoutingFacts, RoutingRule } from './routing.ts';

const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => ({
  brandId: 'brand-1',
  network: 'x',
  intent: 'get_refund',
  category: 'REFUND',
  language: 'en',
  sentiment: 'negative',
  complaint: true,
  priority: 40,
  text: 'I was charged twice and want a refund NOW',
  authorFollowers: 120,
  ...overrides,
});

const teams = { billing: 'Billing', care: 'Customer Care', vip: 'VIP desk', nordic: 'Nordic team' };
const rules: RoutingRule[] = [
  { id: 'r0', name: 'disabled catch-all', enabled: false, when: [], then: { teamId: 'care' } },
  {
    id: 'r1',
    name: 'influencers',
    enabled: true,
    when: [
      { field: 'authorFollowers', atLeast: 10_000 },
      { field: 'sentiment', in: ['negative'] },
    ],
    then: { teamId: 'vip', priority: 90, tags: ['vip'] },
  },
  {
    id: 'r2',
    name: 'refunds',
    enabled: true,
    when: [
      { field: 'keywords', any: ['refund', 'chargeback'] },
      { field: 'complaint', is: true },
    ],
    then: { teamId: 'billing', tags: ['refund', 'refund'] },
  },
  {
    id: 'r3',
    name: 'swedish',
    enabled: true,
    when: [{ field: 'language', in: ['sv', 'no', 'da'] }],
    then: { teamId: 'nordic', autoReply: 'Tack! Vi svarar snart.' },
  },
];
const categoryTeams = { REFUND: 'billing', DELIVERY: 'care' };

describe('routing', () => {
  it('routes a refund complaint to Billing on first touch, and says which rule did it', () => {
    const decision = routeConversation(rules, facts(), categoryTeams, teams);
    expect(decision).toEqual({
      teamId: 'billing',
      priority: 40,
      tags: ['refund'],
      autoReply: null,
      skills: [],
      reason: "routed to Billing by rule 'refunds'",
      ruleId: 'r2',
    });
  });

  it('evaluates rules in order: the first match wins', () => {
    const decision = routeConversation(
      rules,
      facts({ authorFollowers: 48_000 }),
      categoryTeams,
      teams,
    );
    expect(decision).toMatchObject({ teamId: 'vip', priority: 90, ruleId: 'r1' });
  });

  it('never lowers the triage priority', () => {
    expect(
      routeConversation(
        rules,
        facts({ authorFollowers: 48_000, priority: 95 }),
        categoryTeams,
        teams,
      ).priority,
    ).toBe(95);
  });

  it('matches keywords as whole words in any case', () => {
    expect(routeConversation(rules, facts({ text: 'REFUND please' }), {}, teams).ruleId).toBe('r2');
    expect(
      routeConversation(rules, facts({ text: 'non-refundable fare?' }), {}, teams).ruleId,
    ).toBeNull();
  });

  it('skips disabled rules and carries an automatic reply', () => {
    const decision = routeConversation(
      rules,
      facts({ language: 'sv', complaint: false, text: 'Hej' }),
      {},
      teams,
    );
    expect(decision).toMatchObject({ teamId: 'nordic', autoReply: 'Tack! Vi svarar snart.' });
  });

  it('falls back to the category’s team, then to nobody', () => {
    const delivery = facts({ complaint: false, category: 'DELIVERY', text: 'where is my bag' });
    expect(routeConversation(rules, delivery, categoryTeams, teams)).toMatchObject({
      teamId: 'care',
      ruleId: null,
      reason: 'routed to Customer Care by its category DELIVERY',
    });
    const unknown = facts({ complaint: false, category: null, text: 'hello' });
    expect(routeConversation(rules, unknown, categoryTeams, teams)).toMatchObject({
      teamId: null,
      reason: 'no rule matched; waiting in the shared inbox',
    });
  });

  it('treats a missing label as not matching', () => {
    const noLanguage = facts({ language: null, complaint: false, category: null, text: 'x' });
    expect(routeConversation([rules[3]!], noLanguage, {}, teams).teamId).toBeNull();
  });
});
