// Prometheus text exposition, hand-written: a handful of metric families don't justify a client library.

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escaped = entries.map(
    ([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${escaped.join(',')}}`;
}

class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values())
      lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

class Gauge {
  private value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  set(value: number): void {
    this.value = value;
  }
  get(): number {
    return this.value;
  }
  render(): string {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      `${this.name} ${this.value}`,
    ].join('\n');
  }
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private total = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: number[],
  ) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.total++;
    this.buckets.forEach((bound, index) => {
      if (value <= bound) this.counts[index]!++;
    });
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((bound, index) => {
      lines.push(`${this.name}_bucket{le="${bound}"} ${this.counts[index]}`);
    });
    lines.push(
      `${this.name}_bucket{le="+Inf"} ${this.total}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.total}`,
    );
    return lines.join('\n');
  }
}

/** Everything the worker reports on /metrics. */
export class WorkerMetrics {
  readonly polls = new Counter('newsfeed_worker_polls_total', 'Feed polls by outcome.');
  readonly itemsIngested = new Counter(
    'newsfeed_worker_items_ingested_total',
    'Items stored, by new or updated.',
  );
  readonly fullTextFetches = new Counter(
    'newsfeed_worker_full_text_fetches_total',
    'Article pages fetched for full text, by result.',
  );
  readonly fetchSeconds = new Histogram(
    'newsfeed_worker_fetch_duration_seconds',
    'Time to fetch a feed, redirects and body included.',
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  readonly dueFeeds = new Gauge(
    'newsfeed_worker_due_feeds',
    'Feeds due for a poll at the last check (the backlog).',
  );
  readonly inFlight = new Gauge('newsfeed_worker_polls_in_flight', 'Feeds being polled right now.');
  readonly itemsClustered = new Counter(
    'newsfeed_worker_items_clustered_total',
    'Queued items the clusterer placed in stories.',
  );
  readonly clusterLagSeconds = new Histogram(
    'newsfeed_worker_cluster_lag_seconds',
    'Time from an item being queued (written by a poll) to its story being written.',
    [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  );
  readonly clusterLeaseHeld = new Gauge(
    'newsfeed_worker_cluster_lease_held',
    '1 while this process holds the clusterer lease (one per database), else 0.',
  );
  readonly clusterBudgetOverruns = new Counter(
    'newsfeed_worker_cluster_budget_overruns_total',
    'Clusterer batches written early because they outlasted WORKER_CLUSTER_BATCH_BUDGET_MS.',
  );
  readonly clusterThreadRestarts = new Counter(
    'newsfeed_worker_cluster_thread_restarts_total',
    'Times the clusterer thread died and was started again.',
  );

  render(): string {
    return `${[
      this.polls,
      this.itemsIngested,
      this.fullTextFetches,
      this.fetchSeconds,
      this.dueFeeds,
      this.inFlight,
      this.itemsClustered,
      this.clusterLagSeconds,
      this.clusterLeaseHeld,
      this.clusterBudgetOverruns,
      this.clusterThreadRestarts,
    ]
      .map((metric) => metric.render())
      .join('\n')}\n`;
  }
}
