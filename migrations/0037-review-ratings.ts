// Review ratings (issue 19, point 1). A review's stars were kept only in its raw payload, where
// no person saw them. Now each review keeps its site, its rating as 1–5 stars (for the inbox's
// filter, priority and reports across sites) and the site's own value and scale. Reviews stored
// before this migration are filled from their raw payloads: Google's starRating words, and the
// `rating` an import kept (always on a scale of 5 until now).
export const statements = [
  `alter table mentions
     add column review_site text,
     add column rating smallint check (rating between 1 and 5),
     add column rating_value real,
     add column rating_scale real`,
  `update mentions set review_site = 'google',
     rating = case raw->>'starRating'
       when 'ONE' then 1 when 'TWO' then 2 when 'THREE' then 3 when 'FOUR' then 4
       when 'FIVE' then 5 end
   where network = 'google_reviews'`,
  `update mentions set rating_value = rating, rating_scale = 5
   where network = 'google_reviews' and rating is not null`,
  `update mentions set review_site = raw->>'site',
     rating = least(5, greatest(1, round((raw->>'rating')::numeric)))::smallint,
     rating_value = (raw->>'rating')::real, rating_scale = 5
   where network = 'reviews' and jsonb_typeof(raw->'rating') = 'number'`,
  // The reviews report reads rated customer mentions by workspace and time.
  `create index mentions_reviews on mentions (workspace_id, posted_at)
     where rating is not null`,
];
