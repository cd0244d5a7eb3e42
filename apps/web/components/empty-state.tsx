import type { ReactNode } from 'react';

/** What a reader sees instead of a list: what happened, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="empty-state" aria-live="polite">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
