import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig, WORKER_OPTIONS } from '../src/env.js';

describe('loadWorkerConfig', () => {
  it('applies defaults', () => {
    const config = loadWorkerConfig({});
    expect(config.DATABASE_URL).toBe('file:./data/newsfeed.db');
    expect(config.WORKER_POLL_INTERVAL_MS).toBe(5_000);
  });

  it('coerces numbers and rejects bad values with the variable named', () => {
    expect(loadWorkerConfig({ WORKER_POLL_INTERVAL_MS: '250' }).WORKER_POLL_INTERVAL_MS).toBe(250);
    expect(() => loadWorkerConfig({ WORKER_POLL_INTERVAL_MS: '-3' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ WORKER_POLL_INTERVAL_MS: 'soon' })).toThrow(/WORKER_POLL_INTERVAL_MS/);
  });

  it('documents every option', () => {
    for (const option of Object.values(WORKER_OPTIONS)) expect(option.description.length).toBeGreaterThan(10);
  });
});
