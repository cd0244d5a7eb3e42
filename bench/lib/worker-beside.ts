import type { Db } from '@newsfeed/db';

// What a running worker does to the database the web reads, without its network: the clusterer
// looks at its queue and renews its lease every WORKER_CLUSTER_IDLE_MS, as an idle worker's does,
// and (with storyEveryMs) a poll brings one new item that the clusterer places in a new story.

/** The idle clusterer's pause between looks at its queue: WORKER_CLUSTER_IDLE_MS's default. */
export const CLUSTER_IDLE_MS = 1_000;
/** The lease the idle clusterer renews: WORKER_CLUSTER_LEASE_SECONDS's default. */
const LEASE_SECONDS = 60;
const HOLDER = 'bench-web-worker-beside';

export interface WorkerBesideOptions {
  /** A new item placed in a new story this often (ms); 0: the worker only renews its lease. */
  storyEveryMs: number;
}

export class WorkerBeside {
  #stopping = false;
  #running: Promise<void> | null = null;
  renewals = 0;
  storiesPlaced = 0;

  constructor(
    private readonly db: Db,
    private readonly options: WorkerBesideOptions,
  ) {}

  start(): void {
    this.#running = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
    await this.db.clustering.release(HOLDER);
  }

  async #run(): Promise<void> {
    const feedId = (await this.db.feeds.list({ limit: 1 })).items[0]?.id;
    let lastStory = Date.now();
    while (!this.#stopping) {
      const lease = await this.db.clustering.acquire(HOLDER, LEASE_SECONDS);
      if (!lease.held)
        throw new Error(`the clusterer lease is held by ${lease.holder}: stop that worker first`);
      this.renewals += 1;
      const storyEvery = this.options.storyEveryMs;
      if (storyEvery > 0 && feedId !== undefined && Date.now() - lastStory >= storyEvery) {
        await this.#placeNewStory(feedId);
        lastStory = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, CLUSTER_IDLE_MS));
    }
  }

  async #placeNewStory(feedId: number): Promise<void> {
    const key = `bench-web-beside-${Date.now()}-${this.storiesPlaced}`;
    const [stored] = await this.db.items.ingest(feedId, [
      {
        key,
        guid: key,
        url: `https://beside.example/${key}`,
        canonicalUrl: `https://beside.example/${key}`,
        title: `Breaking: harbour council vote ${this.storiesPlaced}`,
        summary: null,
        contentHtml: null,
        contentText: 'The harbour council voted late on Sunday.',
        authors: [],
        categories: [],
        enclosures: [],
        publishedAt: new Date().toISOString(),
        updatedAt: null,
        language: 'en',
        imageUrl: null,
        commentsUrl: null,
        wire: null,
        wordCount: 7,
        contentHash: null,
        simhash: null,
      },
    ]);
    const itemId = stored?.id;
    if (itemId === undefined || itemId === null) return;
    const [storyId] = await this.db.clustering.newStoryIds(1);
    const queued = (await this.db.clustering.queued(1_000)).find((item) => item.id === itemId);
    await this.db.clustering.apply({
      holder: HOLDER,
      leaseSeconds: LEASE_SECONDS,
      assignments: [{ itemId, storyId: storyId! }],
      merges: [],
      refresh: new Map([[storyId!, null]]),
      done: queued ? [{ itemId, version: queued.version }] : [],
    });
    this.storiesPlaced += 1;
  }
}
