import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as search } from '../app/api/v1/search/route';
import { GET as sources } from '../app/api/v1/sources/route';
import { GET as stories } from '../app/api/v1/stories/route';
import { parseStoryQuery, storyParamsProblem, toStoryFilter } from '../lib/story-filters';
import { get, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 9 (and 19 item 9): a parameter value no link of ours makes is answered 400 with
// the API's error shape, never 500 (`window=toString` found TIME_WINDOWS.toString on the prototype).

const PROTOTYPE_NAMES = [
  'toString',
  'constructor',
  '__proto__',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
];
let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PUBLIC_URL: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

async function expectInvalid(response: Response, parameter: string): Promise<void> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_parameter');
  expect(body.error.message).toContain(parameter);
}

describe('the story filters', () => {
  it.each(PROTOTYPE_NAMES)('treat window=%s as a problem, never as a window', (name) => {
    const params = new URLSearchParams({ window: name });
    expect(storyParamsProblem(params)).toMatch(/^window must be one of/);
    const query = parseStoryQuery(params);
    expect(query.window).toBeNull();
    expect(() => toStoryFilter(query)).not.toThrow();
  });

  it('accept every value the filter menus make', () => {
    const params = new URLSearchParams({ window: '24h', source: '3', lang: 'pt-BR', folder: 'Tech' });
    expect(storyParamsProblem(params)).toBeNull();
    expect(parseStoryQuery(params)).toMatchObject({ window: '24h', source: 3, language: 'pt-br' });
  });
});

describe('GET /api/v1/stories', () => {
  it.each(PROTOTYPE_NAMES)('answers window=%s with 400', async (name) => {
    await expectInvalid(await stories(get(`/api/v1/stories?window=${name}`)), 'window');
  });

  it.each([
    ['window=2h', 'window'],
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=', 'limit'],
    ['source=abc', 'source'],
    ['source=0', 'source'],
    ['lang=%3Cscript%3E', 'lang'],
  ])('answers %s with 400 naming the parameter', async (query, parameter) => {
    await expectInvalid(await stories(get(`/api/v1/stories?${query}`)), parameter);
  });

  it('still answers the values the API documents', async () => {
    const response = await stories(get('/api/v1/stories?window=7d&limit=100&lang=en'));
    expect(response.status).toBe(200);
  });
});

describe('the other list endpoints', () => {
  it('answer a bad limit or source with 400', async () => {
    await expectInvalid(await search(get('/api/v1/search?q=dam&source=abc')), 'source');
    await expectInvalid(await search(get('/api/v1/search?q=dam&limit=1000')), 'limit');
    await expectInvalid(await sources(get('/api/v1/sources?limit=0')), 'limit');
    expect((await sources(get('/api/v1/sources?limit=100'))).status).toBe(200);
  });
});
