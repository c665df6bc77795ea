// What a brand is heard by is set once, on the brand (issue 14): beside its handles and
// keywords, hashtags, exclusions (negative keywords) and the languages it hears text in. Every
// listening channel reads them through the channel runner; the keyword lists that lived inside
// channel credentials are moved onto the brand by a data step at start
// (src/pipeline/intake/credential-keywords.ts), which needs the secret key SQL does not have.
//
// A conversation Earshot cannot answer on the network (an imported one) can be marked answered
// elsewhere: a 'conversation.answered_elsewhere' event. It counts as the brand's answer in the
// response-time reports, so such events queue their conversation for a fold too.
export const statements = [
  `alter table brands add column hashtags text[] not null default '{}',
    add column exclusions text[] not null default '{}',
    add column languages text[] not null default '{}'`,
  `create or replace function report_queue_flow_events() returns trigger language plpgsql as $$
    begin
      insert into report_queue (workspace_id, conversation_id)
      select distinct workspace_id, conversation_id from new_rows
      where conversation_id is not null and type in ('conversation.created',
        'conversation.status_changed', 'conversation.reopened', 'conversation.transferred',
        'conversation.answered_elsewhere');
      return null;
    end $$`,
];
