// Google Reader item ids: the long form `tag:google.com,2005:reader/item/<16 hex digits>` and the
// short form, the same 64-bit number in decimal. Clients send either; we answer with the long form
// in item bodies and the short form in item-id lists, as Google Reader did.

const LONG_PREFIX = 'tag:google.com,2005:reader/item/';
const LONG_FORM = /^tag:google\.com,2005:reader\/item\/([0-9a-f]{16})$/i;
const SHORT_FORM = /^-?\d{1,20}$/;

export class ItemIdError extends Error {
  readonly code = 'BAD_ITEM_ID';
  constructor(readonly input: string) {
    super(`not a Google Reader item id: ${JSON.stringify(input.slice(0, 100))}`);
    this.name = 'ItemIdError';
  }
}

export function longItemId(id: number): string {
  return `${LONG_PREFIX}${BigInt(id).toString(16).padStart(16, '0')}`;
}

export function shortItemId(id: number): string {
  return String(id);
}

/** Our item id for either form; throws ItemIdError for anything else or an id out of range. */
export function parseItemId(input: string): number {
  const text = input.trim();
  const long = LONG_FORM.exec(text);
  let value: bigint;
  if (long) value = BigInt(`0x${long[1]}`);
  else if (SHORT_FORM.test(text)) {
    value = BigInt(text);
    // Some clients print the 64-bit id as a signed number.
    if (value < 0n) value += 1n << 64n;
  } else throw new ItemIdError(input);
  if (value < 1n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ItemIdError(input);
  return Number(value);
}
