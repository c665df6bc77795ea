// Hiding on the network itself (Facebook, Instagram, X): each hide or unhide records what the
// network did ('hidden', 'unhidden', or 'failed' with the network's reason). 'done' was never
// written (no channel could hide before this), so it goes.
export const statements = [
  `alter table moderation_actions drop constraint moderation_actions_on_network_check`,
  `alter table moderation_actions add constraint moderation_actions_on_network_check
    check (on_network in ('hidden', 'unhidden', 'failed', 'not_supported', 'not_applicable'))`,
  `alter table moderation_actions add column on_network_error text`,
];
