import { replyLengthLimits } from './network.ts';
import type { Network } from './network.ts';
import { countGraphemes } from './tone-check.ts';

/** The variables a canned response may use, written `{{customer.name}}`. */
export const cannedVariables = [
  'customer.name',
  'brand.name',
  'agent.firstName',
  'ticket.link',
] as const;
type CannedVariable = (typeof cannedVariables)[number];

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/gu;

/** Every variable a template names, known or not, in order of first use. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(placeholder)].map((match) => match[1]!))];
}

/** The names a template uses that Earshot cannot fill (a template with any is refused on save). */
export function unknownVariables(body: string): string[] {
  return templateVariables(body).filter(
    (name) => !(cannedVariables as readonly string[]).includes(name),
  );
}

/** Fills each known variable; text around them is kept exactly as written. */
export function renderTemplate(body: string, values: Record<CannedVariable, string>): string {
  return fillPlaceholders(body, values);
}

/** Fills each `{{name}}` that `values` has; others are kept exactly as written. */
export function fillPlaceholders(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(placeholder, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}

/** A person's first name for a greeting: the first word of their name. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? '';
}

interface LengthCheck {
  network: string;
  length: number;
  /** Null for a network without a known limit. */
  limit: number | null;
  fits: boolean;
}

/** Whether a reply fits the network's limit, counted the way the network counts. */
export function checkReplyLength(text: string, network: string): LengthCheck {
  const limit = replyLengthLimits[network as Network] ?? null;
  const length = countGraphemes(text);
  return { network, length, limit, fits: limit === null || length <= limit };
}
