import type { ReviewMapping } from './review-row.ts';

/** A built-in column mapping for one review site's export. */
export interface ReviewTemplate {
  id: string;
  label: string;
  /** What the mapping was written from, so a person can judge whether their file fits. */
  source: string;
  mapping: ReviewMapping;
}

/**
 * The exports Earshot knows. Column names are the sites' own where they publish them (Trustpilot's
 * business export, Yelp's and Tripadvisor's review APIs, whose JSON answers are what scrapers and
 * export tools save); Bing Places and Angi (Angie's List) publish no review export, so theirs are
 * the layouts listing-management tools write. A file that differs is mapped by hand in the preview.
 */
export const reviewTemplates: readonly ReviewTemplate[] = [
  {
    id: 'earshot',
    label: 'Earshot layout',
    source: "Earshot's own columns: id, site, author, rating, title, text, posted_at, url",
    mapping: {
      id: 'id',
      site: 'site',
      author: 'author',
      rating: 'rating',
      title: 'title',
      text: 'text',
      postedAt: 'posted_at',
      url: 'url',
    },
  },
  {
    id: 'trustpilot',
    label: 'Trustpilot',
    source: 'Trustpilot Business → Reviews → Export (CSV)',
    mapping: {
      id: 'Review ID',
      postedAt: 'Review Created (UTC)',
      title: 'Review Title',
      text: 'Review Content',
      rating: 'Review Stars',
      author: 'Review Consumer Name',
      authorId: 'Review Consumer User ID',
      defaultSite: 'trustpilot',
    },
  },
  {
    id: 'yelp',
    label: 'Yelp',
    source: 'Yelp Fusion API reviews (id, url, text, rating, time_created, user.id, user.name)',
    mapping: {
      id: 'id',
      postedAt: 'time_created',
      text: 'text',
      rating: 'rating',
      author: 'user.name',
      authorId: 'user.id',
      url: 'url',
      defaultSite: 'yelp',
    },
  },
  {
    id: 'tripadvisor',
    label: 'Tripadvisor',
    source:
      'Tripadvisor Content API location reviews (id, published_date, rating, title, text, url, user.username)',
    mapping: {
      id: 'id',
      postedAt: 'published_date',
      title: 'title',
      text: 'text',
      rating: 'rating',
      author: 'user.username',
      url: 'url',
      defaultSite: 'tripadvisor',
    },
  },
  {
    id: 'bing',
    label: 'Bing Places',
    source:
      'a listings tool export: Review ID, Reviewer Name, Rating, Review Text, Review Date (MM/DD/YYYY), Review URL',
    mapping: {
      id: 'Review ID',
      author: 'Reviewer Name',
      rating: 'Rating',
      text: 'Review Text',
      postedAt: 'Review Date',
      url: 'Review URL',
      dateOrder: 'mdy',
      defaultSite: 'bing',
    },
  },
  {
    id: 'angi',
    label: "Angi (Angie's List)",
    source:
      'a listings tool export: Review ID, Member Name, Rating (1–5 or an A–F grade), Title, Comments, Review Date (MM/DD/YYYY)',
    mapping: {
      id: 'Review ID',
      author: 'Member Name',
      rating: 'Rating',
      title: 'Title',
      text: 'Comments',
      postedAt: 'Review Date',
      dateOrder: 'mdy',
      defaultSite: 'angi',
    },
  },
];

export function findReviewTemplate(id: string): ReviewTemplate | undefined {
  return reviewTemplates.find((template) => template.id === id);
}
