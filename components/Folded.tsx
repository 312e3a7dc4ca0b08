// A section folded under its heading (the popup's Scheduled and Sent history): the heading is a
// button that says whether it is open, and the section is a region named by it either way.
import type { ComponentChildren } from 'preact';

export function Folded({ id, title, open, onToggle, class: className, children }: { id: string; title: string; open: boolean; onToggle(open: boolean): void; class?: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class={`folded ${className ?? ''}`}>
      <h2>
        <button type="button" id={id} class="fold" aria-expanded={open} onClick={() => onToggle(!open)}>
          {title}
        </button>
      </h2>
      {open && children}
    </section>
  );
}
