import { useDocumentTitle } from './status-message.tsx';

const sections = {
  ideas: {
    title: 'Ideas',
    text: 'Praise, feature requests and suggestions your customers post, grouped so product teams can learn from them.',
  },
  reports: {
    title: 'Reports',
    text: 'Response times, SLA compliance, volume by network and brand, and sentiment over time.',
  },
  settings: {
    title: 'Settings',
    text: 'Brands, connected networks, teams, routing rules, business hours and members of this workspace.',
  },
} as const;

/** A section that is not built yet: says what it will hold. */
export function PlaceholderPage({ section }: { section: keyof typeof sections }) {
  const { title, text } = sections[section];
  useDocumentTitle(title);
  return (
    <section className="placeholder" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>{text}</p>
      <p className="muted">This part of Earshot is coming soon.</p>
    </section>
  );
}
