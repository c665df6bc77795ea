// Authors' display names fetched from the network (issue 14, point 8). Bluesky posts carry only
// the author's DID: their profile (display name) is fetched after intake and cached on the
// identity. profile_fetched_at says when it was last fetched (null: never), so it is fetched
// again after a day, and not on every post.
export const statements = [
  `alter table contact_identities add column profile_fetched_at timestamptz`,
];
