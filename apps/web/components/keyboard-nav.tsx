'use client';

import { useEffect } from 'react';

// j/k move between the items of a list (any element with data-nav-item), o or Enter opens the
// current one, / jumps to the search box. The only client-side JavaScript of the site.

const ITEM_SELECTOR = '[data-nav-item]';
const CURRENT_CLASS = 'is-current';

// Enter on a focused link, button or field keeps its own meaning; only a bare Enter opens the item.
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function items(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(ITEM_SELECTOR));
}

function primaryLink(item: HTMLElement): HTMLAnchorElement | null {
  return item.querySelector<HTMLAnchorElement>('[data-nav-link]') ?? item.querySelector('a[href]');
}

function move(step: 1 | -1): void {
  const list = items();
  if (list.length === 0) return;
  const current = list.findIndex((item) => item.classList.contains(CURRENT_CLASS));
  const next =
    current === -1
      ? step === 1
        ? 0
        : list.length - 1
      : Math.min(list.length - 1, Math.max(0, current + step));
  list[current]?.classList.remove(CURRENT_CLASS);
  const target = list[next]!;
  target.classList.add(CURRENT_CLASS);
  primaryLink(target)?.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'nearest' });
}

export function KeyboardNav() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target))
        return;
      if (event.key === 'j') move(1);
      else if (event.key === 'k') move(-1);
      else if (event.key === 'o' || (event.key === 'Enter' && event.target === document.body)) {
        const current = items().find((item) => item.classList.contains(CURRENT_CLASS));
        const link = current ? primaryLink(current) : null;
        if (!link) return;
        link.click();
      } else if (event.key === '/') {
        const search = document.getElementById('search-input');
        if (!(search instanceof HTMLInputElement)) return;
        search.focus();
        search.select();
      } else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return null;
}
