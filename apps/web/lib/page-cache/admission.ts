// Which pages are worth a copy in the rendered-page cache: those asked for at least twice. A miss
// costs more than rendering the page for the request itself (a loopback request, a copy of the body,
// its nonce rewritten: +20-30 % of the render's CPU in bench/web.ts), and a search query nobody has
// made before, most of them, is rarely asked again within the TTL. So the first request for a URL
// renders for itself and is only remembered; the next one goes through the cache. A busy page is
// cached from its second request on, as before.

/** How many URLs asked for once are remembered (least recently asked dropped first). */
export const REMEMBERED_FIRST_REQUESTS = 10_000;

export class SecondRequestAdmission {
  readonly #asked = new Set<string>();

  constructor(private readonly capacity = REMEMBERED_FIRST_REQUESTS) {}

  /** Whether a request for `key` may use the cache: true if the key was asked for before. */
  admit(key: string): boolean {
    if (this.#asked.has(key)) {
      // Most recently asked last: eviction walks the set from its start.
      this.#asked.delete(key);
      this.#asked.add(key);
      return true;
    }
    this.#asked.add(key);
    if (this.#asked.size > this.capacity) this.#asked.delete(this.#asked.values().next().value as string);
    return false;
  }
}
