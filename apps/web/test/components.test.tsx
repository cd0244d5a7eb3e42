import type { FeedWithStats, StorySummary } from '@newsfeed/db';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleBody } from '../components/article-body';
import { ClusterWarnings } from '../components/cluster-warnings';
import { FeedStatus, feedState } from '../components/feed-status';
import { PollErrors } from '../components/poll-errors';
import { SourceIcon } from '../components/source-icon';
import { StoryCard } from '../components/story-card';
import { TimeAgo } from '../components/time-ago';
import { contentLanguage } from '../lib/content-language';

const NOW = new Date('2026-11-28T12:00:00Z');
const FEED_REF = { id: 7, title: 'Daily Planet', siteUrl: 'https://planet.example/', iconUrl: null };

function story(fields: Partial<StorySummary> = {}): StorySummary {
  return {
    id: 42,
    title: 'Dam ceasefire agreed',
    summary: 'Talks ran through the night.',
    imageUrl: 'https://images.example/dam.jpg',
    wire: 'AFP',
    language: 'en',
    leadItemId: 1,
    leadUrl: 'https://planet.example/dam',
    leadFeed: FEED_REF,
    itemCount: 4,
    sourceCount: 3,
    outlets: [
      {
        feed: { id: 8, title: 'Gotham Gazette', siteUrl: null, iconUrl: null },
        itemId: 2,
        title: 'River states end dam row',
        url: 'https://gazette.example/dam',
        publishedAt: '2026-11-28T11:50:00.000Z',
        language: 'en',
      },
      {
        feed: { id: 9, title: null, siteUrl: 'https://www.tech.example/', iconUrl: null },
        itemId: 3,
        title: 'Sluice <sensors> shared',
        url: 'javascript:alert(1)',
        publishedAt: '2026-11-28T11:55:00.000Z',
        language: null,
      },
    ],
    firstSeenAt: '2026-11-28T11:40:00.000Z',
    updatedAt: '2026-11-28T11:50:00.000Z',
    publishedAt: '2026-11-28T11:48:00.000Z',
    score: 1,
    ...fields,
  };
}

function feed(fields: Partial<FeedWithStats> = {}): FeedWithStats {
  return {
    ...FEED_REF,
    url: 'https://planet.example/feed.xml',
    language: 'en',
    folder: null,
    etag: null,
    lastModified: null,
    nextPollAt: '2026-11-28T12:30:00.000Z',
    pollIntervalSeconds: 1800,
    errorCount: 0,
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: '2026-11-28T11:30:00.000Z',
    disabled: false,
    disabledReason: null,
    identityRule: 'guid',
    leaseOwner: null,
    leaseExpiresAt: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    claimAttempts: 0,
    crashCount: 0,
    itemCount: 12,
    ...fields,
  };
}

describe('StoryCard', () => {
  it('shows the headline, lead source, "N sources", wire, relative time and a sized lazy image', () => {
    const html = renderToStaticMarkup(<StoryCard story={story()} now={NOW} />);
    expect(html).toContain('<a href="/story/42" data-nav-link="true">Dam ceasefire agreed</a>');
    expect(html).toContain('<strong>Daily Planet</strong>');
    expect(html).toContain('<a class="sources-count" href="/story/42#coverage">3 sources</a>');
    expect(html).toContain('<span class="badge badge--wire">AFP</span>');
    expect(html).toContain(
      '<time dateTime="2026-11-28T11:48:00.000Z" title="28 Nov 2026, 11:48 UTC">12 min. ago</time>',
    );
    expect(html).toMatch(
      /<img src="https:\/\/images.example\/dam.jpg" alt="" width="176" height="99" loading="lazy"/,
    );
  });

  it('names the other outlets under the headline, each with its own headline linked to its article', () => {
    const html = renderToStaticMarkup(<StoryCard story={story()} now={NOW} />);
    const list = html.slice(html.indexOf('<ul class="story__outlets"'), html.indexOf('</ul>') + 5);
    expect(list).toContain('aria-label="Also reported by"');
    expect(list).toMatch(
      /<li>.*<span class="story__outlet-name">Gotham Gazette<\/span> <a href="https:\/\/gazette.example\/dam" rel="noopener noreferrer" lang="en">River states end dam row<\/a><\/li>/,
    );
    // No feed title: the site's host names the outlet; an unsafe link is dropped, the headline escaped.
    expect(list).toContain('tech.example</span> <span>Sluice &lt;sensors&gt; shared</span>');
    expect(list).not.toContain('javascript:');
    expect(list).not.toContain('Daily Planet');
  });

  it('has no "N sources" nor outlet list for a single source, and no image or link for unsafe URLs', () => {
    const html = renderToStaticMarkup(
      <StoryCard
        story={story({
          sourceCount: 1,
          outlets: [],
          imageUrl: 'javascript:alert(1)',
          leadUrl: 'javascript:alert(1)',
        })}
        now={NOW}
      />,
    );
    expect(html).not.toContain('sources-count');
    expect(html).not.toContain('story__outlets');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('story--no-image');
  });

  it('marks the headline, summary and each outlet line with the item’s language, and only a real one', () => {
    const html = renderToStaticMarkup(<StoryCard story={story({ language: 'de' })} now={NOW} />);
    expect(html).toMatch(/<h2 class="story__title" lang="de">/);
    expect(html).toMatch(/<p class="story__summary" lang="de">/);
    expect(html).toMatch(/<a href="https:\/\/gazette\.example\/dam" rel="noopener noreferrer" lang="en">/);
    for (const language of [null, 'English', '', 'x']) {
      const plain = renderToStaticMarkup(<StoryCard story={story({ language })} now={NOW} />);
      expect(plain).toMatch(/<h2 class="story__title">/);
    }
    expect(contentLanguage('en_US')).toBe('en-US');
  });
});

describe('SourceIcon', () => {
  it('uses the feed icon when it is http(s), else a letter badge hidden from screen readers', () => {
    expect(
      renderToStaticMarkup(<SourceIcon feed={{ ...FEED_REF, iconUrl: 'https://planet.example/icon.png' }} />),
    ).toContain('src="https://planet.example/icon.png" alt=""');
    const letter = renderToStaticMarkup(<SourceIcon feed={{ ...FEED_REF, iconUrl: 'javascript:x' }} />);
    expect(letter).toMatch(
      /<span class="source-icon source-icon--letter hue-\d+" aria-hidden="true">D<\/span>/,
    );
  });
});

describe('TimeAgo', () => {
  it('renders nothing for an invalid date', () => {
    expect(renderToStaticMarkup(<TimeAgo iso="garbage" now={NOW} />)).toBe('');
  });
});

describe('FeedStatus', () => {
  it.each([
    ['ok', 'OK', feed()],
    ['new', 'Not polled yet', feed({ lastSuccessAt: null })],
    ['failing', 'HTTP 503', feed({ errorCount: 3, lastError: 'HTTP 503 from upstream' })],
    ['disabled', 'HTTP 410', feed({ disabled: true, disabledReason: 'HTTP 410 Gone' })],
  ] as const)('%s shows %s', (state, text, input) => {
    expect(feedState(input)).toBe(state);
    expect(renderToStaticMarkup(<FeedStatus feed={input} />)).toContain(text);
  });

  it('gives a feed not polled yet a neutral badge, not the green one of a healthy feed', () => {
    const fresh = renderToStaticMarkup(<FeedStatus feed={feed({ lastSuccessAt: null })} />);
    expect(fresh).toContain('class="badge badge--new"');
    expect(fresh).not.toContain('badge--ok');
    expect(renderToStaticMarkup(<FeedStatus feed={feed()} />)).toContain('class="badge badge--ok"');
  });

  it('shows the public a category of the error and the admin the whole message', () => {
    const failing = feed({
      errorCount: 2,
      lastError: 'NETWORK: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9464',
    });
    const shown = renderToStaticMarkup(<FeedStatus feed={failing} />);
    expect(shown).toContain('connection refused');
    expect(shown).not.toContain('127.0.0.1');
    expect(renderToStaticMarkup(<FeedStatus feed={failing} detail />)).toContain('127.0.0.1:9464');
  });
});

describe('ArticleBody', () => {
  it('re-sanitizes stored HTML', () => {
    const html = renderToStaticMarkup(
      <ArticleBody
        item={{
          contentHtml: '<p onclick="x()">Hi<script>bad()</script></p>',
          contentText: null,
          summary: null,
          url: null,
        }}
      />,
    );
    expect(html).toBe('<div class="reader__content"><p>Hi</p></div>');
  });

  it('falls back to paragraphs of plain text, then to an explanation', () => {
    const text = renderToStaticMarkup(
      <ArticleBody item={{ contentHtml: null, contentText: 'One <b>.\n\nTwo.', summary: null, url: null }} />,
    );
    expect(text).toBe('<div class="reader__content"><p>One &lt;b&gt;.</p><p>Two.</p></div>');
    const none = renderToStaticMarkup(
      <ArticleBody item={{ contentHtml: null, contentText: null, summary: null, url: null }} />,
    );
    expect(none).toContain('Read it on the original site');
  });
});

describe('ClusterWarnings', () => {
  it('lists each warning with its time and kind, or says there are none', () => {
    const html = renderToStaticMarkup(
      <ClusterWarnings
        now={NOW}
        warnings={[
          {
            id: 3,
            at: '2026-11-28T11:50:00.000Z',
            kind: 'batch-budget',
            message:
              'A batch outlasted WORKER_CLUSTER_BATCH_BUDGET_MS (2000 ms): 120 items placed, 380 left queued.',
          },
        ]}
      />,
    );
    expect(html).toContain('Clusterer warnings');
    expect(html).toContain('batch-budget');
    expect(html).toContain('380 left queued');
    expect(html).toContain('10 min. ago');
    expect(renderToStaticMarkup(<ClusterWarnings now={NOW} warnings={[]} />)).toContain(
      'No clusterer warnings',
    );
  });
});

describe('PollErrors', () => {
  it('lists each failed poll with its source link and HTTP status, or says there are none', () => {
    const html = renderToStaticMarkup(
      <PollErrors
        now={NOW}
        errors={[
          {
            id: 7,
            feedId: 42,
            feedUrl: 'https://failing.example/feed.xml',
            startedAt: '2026-11-28T11:58:00.000Z',
            durationMs: 120,
            httpStatus: null,
            bytes: 0,
            itemsNew: 0,
            itemsUpdated: 0,
            error: 'connect ECONNREFUSED',
          },
        ]}
      />,
    );
    expect(html).toContain('Recent poll errors');
    expect(html).toContain('<a href="/sources/42">https://failing.example/feed.xml</a>');
    expect(html).toContain('<td data-label="HTTP">—</td>');
    expect(html).toContain('<td class="error-text">connect ECONNREFUSED</td>');
    expect(html).toContain('2 min. ago');
    expect(renderToStaticMarkup(<PollErrors now={NOW} errors={[]} />)).toContain('No poll errors');
  });
});
