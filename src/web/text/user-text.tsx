import type { ElementType } from 'react';

type UserTextProps = { text: string; as?: ElementType; className?: string };

/**
 * Text someone on the internet wrote. React renders it as a text node (never markup); the
 * `user-text` class isolates its direction (a right-to-left override inside cannot reorder
 * the page around it), keeps its line breaks and wraps strings with no spaces.
 */
export function UserText({ text, as: Tag = 'bdi', className }: UserTextProps) {
  return (
    <Tag dir="auto" className={className ? `user-text ${className}` : 'user-text'}>
      {text}
    </Tag>
  );
}
