import { describe, expect, it } from 'vitest';
import { Progress } from '../src/cli/progress.js';
import { WorkerMetrics } from '../src/observe/metrics.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) };
}

describe('Progress', () => {
  it('redraws one bar in place on a terminal', () => {
    const out = stream(true);
    const progress = new Progress('polling', out);
    progress.update(1, 4, 'a');
    progress.update(4, 4, 'b');
    progress.finish('done');
    expect(out.written[0]).toMatch(/^\rpolling █{8}░{22} 1\/4 a/);
    expect(out.written[1]).toMatch(/^\rpolling █{30} 4\/4 b/);
    expect(out.written.slice(2)).toEqual(['\n', 'polling: done\n']);
  });

  it('prints a plain line every 5 % otherwise, never a control character', () => {
    const out = stream(false);
    const progress = new Progress('importing', out);
    for (let done = 1; done <= 1000; done++) progress.update(done, 1000);
    progress.finish('1000 added');
    expect(out.written.length).toBeLessThanOrEqual(22);
    expect(out.written.at(-2)).toBe('importing: 1000/1000 (100%)\n');
    expect(out.written.join('')).not.toMatch(/\r/);
  });
});

describe('WorkerMetrics', () => {
  it('renders Prometheus text with labels, a histogram and gauges', () => {
    const metrics = new WorkerMetrics();
    metrics.polls.inc({ outcome: 'updated' });
    metrics.polls.inc({ outcome: 'updated' });
    metrics.polls.inc({ outcome: 'failed' });
    metrics.fetchSeconds.observe(0.2);
    metrics.fetchSeconds.observe(3);
    metrics.dueFeeds.set(42);
    const text = metrics.render();
    expect(text).toContain('newsfeed_worker_polls_total{outcome="updated"} 2');
    expect(text).toContain('newsfeed_worker_polls_total{outcome="failed"} 1');
    expect(text).toContain('newsfeed_worker_fetch_duration_seconds_bucket{le="0.25"} 1');
    expect(text).toContain('newsfeed_worker_fetch_duration_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('newsfeed_worker_fetch_duration_seconds_count 2');
    expect(text).toContain('newsfeed_worker_due_feeds 42');
  });
});
