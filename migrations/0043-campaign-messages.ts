// Announcing a share contest's result and messaging its winners (issue 19): each message is an
// ordinary reply (approval rules, outbox, retries) and is recorded per draw and recipient: sent
// (with the reply) or not sent (with why), so the campaign shows who heard back and a second
// send never messages anyone twice. An announcement answers one of the campaign's own posts; a
// winner's message answers the winner's counted share.
export const statements = [
  `create table campaign_messages (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    campaign_id uuid not null references campaigns (id) on delete cascade,
    draw_id uuid not null references campaign_draws (id) on delete cascade,
    kind text not null check (kind in ('announcement', 'winner')),
    network text not null,
    recipient text not null,
    recipient_handle text,
    mention_id uuid references mentions (id) on delete set null,
    outcome text not null check (outcome in ('sent', 'not_sent')),
    reply_id uuid references replies (id) on delete set null,
    reason text check (reason in ('post_deleted', 'post_not_heard', 'network_without_replies', 'already_messaged')),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    unique (draw_id, kind, network, recipient)
  )`,
  `create index campaign_messages_campaign on campaign_messages (workspace_id, campaign_id, created_at)`,
];
