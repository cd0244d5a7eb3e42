import { externalHref } from './render-html';

// The JSON API's last line against stored URLs that are not http(s): every field named `url` or
// `…Url`, at any depth, is served only when http(s), else null (rows stored before the parser's URL
// policy could hold others).

const URL_FIELD = /^url$|Url$/;

/** `value` with every URL-named string field that is not http(s) set to null. */
export function withHttpUrlsOnly<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => withHttpUrlsOnly(entry)) as T;
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      URL_FIELD.test(key) && typeof field === 'string'
        ? (externalHref(field) ?? null)
        : withHttpUrlsOnly(field);
  }
  return copy as T;
}
