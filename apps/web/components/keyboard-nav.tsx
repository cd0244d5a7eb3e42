'use client';

import { useEffect } from 'react';

// j/k move between the items of a list (any element with data-nav-item), o or Enter opens the
// current one, / jumps to the search box. The only client-side JavaScript of the site. The current
// item is remembered per page URL for the tab (sessionStorage), so Back from a story resumes there.

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

/** sessionStorage key of this page's current item index; the URL includes filters and cursor. */
function selectionKey(): string {
  return `newsfeed:nav:${location.pathname}${location.search}`;
}

function remember(index: number): void {
  try {
    sessionStorage.setItem(selectionKey(), String(index));
  } catch {
    // Storage off or full: j/k still work, Back just starts from the top.
  }
}

/** Marks the remembered item of this page current again (after Back), without scrolling to it. */
function restore(): void {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(selectionKey());
  } catch {
    return;
  }
  const index = stored === null ? Number.NaN : Number(stored);
  const list = items();
  const target = Number.isInteger(index) ? list[index] : undefined;
  if (!target) return;
  for (const item of list) item.classList.remove(CURRENT_CLASS);
  target.classList.add(CURRENT_CLASS);
  primaryLink(target)?.focus({ preventScroll: true });
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
  remember(next);
}

export function KeyboardNav() {
  useEffect(() => {
    restore();
    // A page restored from the back/forward cache keeps its DOM but not necessarily its focus.
    function onPageShow(event: PageTransitionEvent) {
      if (event.persisted) restore();
    }
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
    window.addEventListener('pageshow', onPageShow);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);
  return null;
}
