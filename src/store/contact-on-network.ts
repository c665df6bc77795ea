import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';

type WithConversation = Database & { c: Database['conversations'] };

/**
 * The contact's handle and display name on the conversation's own network, for a query over
 * `conversations as c`: join it with `.leftJoinLateral(contactOnNetwork, (j) => j.onTrue())`
 * and read `who.handle`, `who.display_name` (null when the contact has no identity there).
 */
export function contactOnNetwork(eb: ExpressionBuilder<WithConversation, 'c'>) {
  return eb
    .selectFrom('contact_identities as ci')
    .select(['ci.handle', 'ci.display_name'])
    .whereRef('ci.contact_id', '=', 'c.contact_id')
    .whereRef('ci.network', '=', 'c.network')
    .limit(1)
    .as('who');
}
