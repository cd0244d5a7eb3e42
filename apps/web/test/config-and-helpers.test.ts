import { describe, expect, it } from 'vitest';
import {
  bearerMatches,
  createSession,
  csrfToken,
  SESSION_MAX_AGE_SECONDS,
  verifyCsrf,
  verifySession,
} from '../lib/admin-session';
import { loadWebConfig, WEB_OPTIONS, WebConfigError } from '../lib/env';
import { parseId, parseStoryQuery, storyQueryString, toStoryFilter } from '../lib/story-filters';

const TOKEN = 'unit-test-admin-token-0123456789';

describe('loadWebConfig', () => {
  it('has a default and a description for every option', () => {
    const config = loadWebConfig({});
    expect(config).toMatchObject({ DATABASE_URL: 'file:./data/newsfeed.db', PORT: 3000, WEB_PAGE_SIZE: 30 });
    expect(config.ADMIN_TOKEN).toBeUndefined();
    for (const option of Object.values(WEB_OPTIONS)) expect(option.description.length).toBeGreaterThan(10);
  });

  it('names every bad variable and never echoes the admin token', () => {
    let error: unknown;
    try {
      loadWebConfig({ PORT: 'eighty', ADMIN_TOKEN: 'short-secret', WEB_PUBLIC_URL: 'ftp://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('ADMIN_TOKEN=(hidden)');
    expect(message).toContain('WEB_PUBLIC_URL');
    expect(message).not.toContain('short-secret');
  });

  it('treats an empty variable as unset', () => {
    expect(loadWebConfig({ ADMIN_TOKEN: '' }).ADMIN_TOKEN).toBeUndefined();
  });
});

describe('story filters in the URL', () => {
  it('reads valid filters and ignores malformed ones', () => {
    expect(
      parseStoryQuery(new URLSearchParams('source=3&folder=Tech&lang=EN&window=24h&cursor=abc')),
    ).toEqual({
      source: 3,
      folder: 'Tech',
      language: 'en',
      window: '24h',
      cursor: 'abc',
    });
    expect(parseStoryQuery({ source: '-1', lang: 'not a language', window: '3y' })).toEqual({
      source: null,
      folder: null,
      language: null,
      window: null,
      cursor: null,
    });
  });

  it('turns a time window into a since date', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const filter = toStoryFilter(
      { source: 2, folder: null, language: null, window: '1h', cursor: null },
      now,
    );
    expect(filter).toEqual({ feedId: 2, since: '2026-11-28T11:00:00.000Z' });
  });

  it('writes filters back without empty values', () => {
    expect(storyQueryString({ source: 2, window: '7d', cursor: 'c' })).toBe('?source=2&window=7d&cursor=c');
    expect(storyQueryString({})).toBe('');
  });

  it.each([
    ['12', 12],
    ['0', null],
    ['1e3', null],
    ['99999999999999999', null],
    [null, null],
  ])('parseId(%j) = %j', (input, expected) => {
    expect(parseId(input)).toBe(expected);
  });
});

describe('admin session', () => {
  it('accepts its own cookie and rejects tampering, other tokens and expiry', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const cookie = createSession(TOKEN, now);
    const id = verifySession(TOKEN, cookie, now);
    expect(id).toBeTruthy();
    expect(verifySession(`${TOKEN}x`, cookie, now)).toBeNull();
    // Flip the first character to one it is not, so the tamper never leaves the cookie unchanged.
    const tampered = `${cookie.startsWith('A') ? 'B' : 'A'}${cookie.slice(1)}`;
    expect(verifySession(TOKEN, tampered, now)).toBeNull();
    expect(verifySession(TOKEN, `${cookie}x`, now)).toBeNull();
    const later = new Date(now.getTime() + (SESSION_MAX_AGE_SECONDS + 1) * 1000);
    expect(verifySession(TOKEN, cookie, later)).toBeNull();
    expect(verifySession(TOKEN, null, now)).toBeNull();
  });

  it('binds the CSRF token to the session', () => {
    const token = csrfToken(TOKEN, 'session-a');
    expect(verifyCsrf(TOKEN, 'session-a', token)).toBe(true);
    expect(verifyCsrf(TOKEN, 'session-b', token)).toBe(false);
    expect(verifyCsrf(TOKEN, 'session-a', null)).toBe(false);
  });

  it('matches a bearer header exactly', () => {
    expect(bearerMatches(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(bearerMatches(TOKEN, `bearer ${TOKEN}`)).toBe(true);
    expect(bearerMatches(TOKEN, `Bearer ${TOKEN.slice(1)}`)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, null)).toBe(false);
  });
});
