// A deterministic generator of realistic feeds and news items for benchmarks: Zipf-distributed news
// vocabulary, titles and multi-paragraph texts, and the clustering structure real feeds have (wire
// copies of one story across outlets, rewrites of the same event, plenty of one-off items). The same
// seed always yields the same corpus, so numbers are comparable between runs and engines.
//
//   const corpus = new SyntheticCorpus({ feeds: 10_000, items: 1_000_000 });
//   await seedDatabase(db, corpus);            // through the public API, as the worker ingests
//   await seedDatabase(db, corpus, { pollsInFlight: 16 });   // as the worker's concurrent polls
import { createHash } from 'node:crypto';
import type { Db, ItemInput, NewFeed } from '@newsfeed/db';

export interface SyntheticCorpusOptions {
  feeds: number;
  items: number;
  seed?: number;
  /** New items per poll of one feed. */
  itemsPerPoll?: number;
  /** Publication time of the last item; the corpus spans `spanDays` before it. */
  end?: Date;
  spanDays?: number;
}

export interface SyntheticPoll {
  feedIndex: number;
  /** When the poll happens: the items' first-seen time. */
  at: Date;
  items: ItemInput[];
}

const FUNCTION_WORDS =
  `the of to and a in that is for on said with as was by at it from his has have be are were
an not which will its after who but their they this been had more would also than over last two new year about
up into first she he people could other between since when one three while before under against during some
most all there these them what can our may four many such only later those through where week officials`.split(
    /\s+/,
  );
const NOUNS =
  `government minister election talks ceasefire market inflation court police storm flood president
parliament vote budget tax bank economy prices energy oil gas war troops border refugees health hospital
vaccine virus school students teachers climate emissions summit treaty sanctions exports imports trade growth
jobs workers strike union company shares investors profit losses deal merger technology software data privacy
security attack missile drone army navy earthquake fire wildfire drought harvest farmers food water protest
rally campaign party coalition opposition leader spokesman report investigation trial judge verdict prison
charges fraud corruption scandal agency council mayor city region province village airport flight airline
train railway bridge road traffic accident crash rescue victims death toll injuries aid donors fund loan debt
bond currency rate reform law bill regulation ban license research scientists study discovery space satellite
launch mission team match season coach player championship final tournament record film festival museum`.split(
    /\s+/,
  );
const VERBS = `announced rejected warned agreed signed approved blocked launched denied confirmed criticised
demanded urged promised suspended resumed raised cut delayed cancelled won lost faced met visited called
accused arrested released reported revealed estimated expected planned proposed backed opposed ended began
reached killed injured hit struck destroyed closed opened joined left returned`.split(/\s+/);
const ADJECTIVES =
  `new major key national local international global economic political military public private
foreign domestic final early late strong weak high low record sharp severe heavy widespread urgent fresh
former senior top long short rare historic controversial crucial official emergency annual`.split(/\s+/);
const NAMES =
  `Geneva Kyiv Moscow Washington Brussels Paris Berlin London Madrid Rome Tokyo Beijing Delhi Lagos
Nairobi Cairo Ankara Tehran Riyadh Jakarta Manila Seoul Sydney Ottawa Mexico Brazil Argentina Chile Peru
Nigeria Kenya Egypt Turkey Iran India China Japan Korea Germany France Italy Spain Poland Ukraine Russia Canada
Macron Scholz Sunak Biden Modi Lula Erdogan Zelensky Putin Xi Kishida Albanese Ruto Tinubu Sisi Meloni Sanchez
Tusk Trudeau Sheinbaum Milei Boric Guterres Lagarde Powell Yellen Blinken Lavrov Borrell NATO UN EU WHO IMF
OPEC Reuters Airbus Boeing Siemens Toyota Samsung Apple Google Amazon Microsoft Tesla Shell BP Nestle Unilever`.split(
    /\s+/,
  );
const PREPOSITIONS = ['in', 'over', 'after', 'amid', 'as', 'for', 'on', 'with'];
const WIRES = ['AFP', 'Reuters', 'AP', 'dpa', 'EFE'];
const FOLDERS = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Sport', 'Culture', 'Local'];
const BOILERPLATE = ['Follow us for more news.', 'Read more on our website.', 'Subscribe to our newsletter.'];
const HOUR = 3_600_000;

/** mulberry32's output for a state (the state after the step). */
function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const MULBERRY32_STEP = 0x6d2b79f5;

/** mulberry32: a small, fast, seedable PRNG (exported for other benchmarks' deterministic data). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + MULBERRY32_STEP) >>> 0;
    return mulberry32(state);
  };
}

/** mulberry32 whose whole state is one number that can be saved and put back (to replay draws). */
class ReplayableRandom {
  constructor(public state: number) {}

  next(): number {
    this.state = (this.state + MULBERRY32_STEP) >>> 0;
    return mulberry32(this.state);
  }

  /** Moves past `count` draws without computing them. */
  skip(count: number): void {
    this.state = (this.state + Math.imul(count, MULBERRY32_STEP)) >>> 0;
  }
}

interface StoryEvent {
  names: string[];
  nouns: string[];
  verb: string;
  /** Null for an event made while seeking: `sentencesFrom` replays them when a copy needs them. */
  sentences: string[] | null;
  sentencesFrom: { state: number; count: number };
  copiesLeft: number;
  feedsUsed: Set<number>;
  title: string;
  wire: string | null;
}

export class SyntheticCorpus {
  readonly options: Required<SyntheticCorpusOptions>;
  private readonly random: ReplayableRandom;
  private readonly wordBits = new Map<string, [number, number]>();

  constructor(options: SyntheticCorpusOptions) {
    this.options = {
      seed: 20_260_101,
      itemsPerPoll: 10,
      end: new Date('2026-06-30T12:00:00.000Z'),
      spanDays: 30,
      ...options,
    };
    this.random = new ReplayableRandom(this.options.seed >>> 0);
  }

  feed(index: number): NewFeed {
    const host = `news${index % Math.max(1, Math.ceil(this.options.feeds / 4))}.example`;
    return {
      url: `https://${host}/feeds/${index}.xml`,
      title: `${NAMES[index % NAMES.length]} ${['Daily', 'Herald', 'Times', 'Post', 'Wire'][index % 5]} ${index}`,
      siteUrl: `https://${host}/`,
      folder: FOLDERS[index % FOLDERS.length]!,
    };
  }

  feeds(): NewFeed[] {
    return Array.from({ length: this.options.feeds }, (_, index) => this.feed(index));
  }

  /**
   * Every poll in time order: `items / itemsPerPoll` polls of random feeds, spread over the span.
   * `afterItems`: the polls after the first that many items (a whole number of polls). The polls
   * passed over make the same draws but build no texts, so continuing a stored corpus is cheap.
   */
  polls(afterItems = 0): Generator<SyntheticPoll> {
    const { items, itemsPerPoll } = this.options;
    if (afterItems < 0 || afterItems > items || (afterItems % itemsPerPoll !== 0 && afterItems !== items)) {
      throw new Error(`${afterItems} items are not the first polls of this corpus (--items, --feeds?)`);
    }
    return this.generate(afterItems);
  }

  private *generate(afterItems: number): Generator<SyntheticPoll> {
    const { items, itemsPerPoll, feeds, spanDays, end } = this.options;
    const pollCount = Math.ceil(items / itemsPerPoll);
    const start = end.getTime() - spanDays * 24 * HOUR;
    const open: StoryEvent[] = [];
    const perFeed = new Array<number>(feeds).fill(0);
    let emitted = 0;
    for (let poll = 0; poll < pollCount; poll += 1) {
      const seeking = emitted < afterItems;
      const feedIndex = Math.floor(this.random.next() * feeds);
      const at = new Date(start + ((poll + 1) / pollCount) * spanDays * 24 * HOUR);
      const batch: ItemInput[] = [];
      for (let i = 0; i < itemsPerPoll && emitted < items; i += 1, emitted += 1) {
        let event = open.find((candidate) => !candidate.feedsUsed.has(feedIndex) && this.random.next() < 0.5);
        if (!event) {
          event = this.newEvent(seeking);
          if (event.copiesLeft > 0) open.push(event);
        } else if (--event.copiesLeft === 0) {
          open.splice(open.indexOf(event), 1);
        }
        // Events left open too long stop getting copies: coverage of one event comes within hours.
        if (open.length > 200) open.shift();
        event.feedsUsed.add(feedIndex);
        const sequence = perFeed[feedIndex]!++;
        if (seeking) this.passItem(event);
        else batch.push(this.item(event, feedIndex, sequence, at));
      }
      if (!seeking) yield { feedIndex, at, items: batch };
    }
  }

  private pick<T>(list: readonly T[], skew = 1.2): T {
    // Zipf-like: low indexes are far more frequent, as word use is.
    const index = Math.floor(list.length * this.random.next() ** (1 + skew));
    return list[Math.min(index, list.length - 1)]!;
  }

  private sentence(event: { names: string[]; nouns: string[] }): string {
    const length = 12 + Math.floor(this.random.next() * 16);
    const words: string[] = [];
    for (let i = 0; i < length; i += 1) {
      const roll = this.random.next();
      if (roll < 0.45) words.push(this.pick(FUNCTION_WORDS));
      else if (roll < 0.65) words.push(this.pick(NOUNS, 0.6));
      else if (roll < 0.75) words.push(this.pick(event.nouns, 0));
      else if (roll < 0.85) words.push(this.pick(VERBS, 0.6));
      else if (roll < 0.93) words.push(this.pick(ADJECTIVES, 0.6));
      else words.push(this.pick(event.names, 0));
    }
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  }

  /** The draws of sentence(), without the sentence: its length, then a class and a pick per word. */
  private passSentence(): void {
    const length = 12 + Math.floor(this.random.next() * 16);
    this.random.skip(2 * length);
  }

  /** An event's sentences; those of an event made while seeking are replayed from its recorded draws. */
  private sentencesOf(event: StoryEvent): string[] {
    if (event.sentences) return event.sentences;
    const resume = this.random.state;
    this.random.state = event.sentencesFrom.state;
    event.sentences = Array.from({ length: event.sentencesFrom.count }, () => this.sentence(event));
    this.random.state = resume;
    return event.sentences;
  }

  private newEvent(seeking: boolean): StoryEvent {
    const names = [this.pick(NAMES, 0.3), this.pick(NAMES, 0.3), this.pick(NAMES, 0.3)];
    const nouns = [this.pick(NOUNS, 0.3), this.pick(NOUNS, 0.3), this.pick(NOUNS, 0.3)];
    const verb = this.pick(VERBS, 0.3);
    const sentencesFrom = { count: 4 + Math.floor(this.random.next() * 14), state: this.random.state };
    let sentences: string[] | null = null;
    if (seeking) for (let i = 0; i < sentencesFrom.count; i += 1) this.passSentence();
    else sentences = Array.from({ length: sentencesFrom.count }, () => this.sentence({ names, nouns }));
    const title = `${names[0]} ${verb} ${this.pick(ADJECTIVES)} ${nouns[0]} ${this.pick(PREPOSITIONS)} ${names[1]} ${nouns[1]}`;
    // About a third of events are covered by several outlets: wire copies or rewrites.
    const copiesLeft = this.random.next() < 0.35 ? 1 + Math.floor(this.random.next() * 6) : 0;
    const wire = copiesLeft > 0 && this.random.next() < 0.6 ? this.pick(WIRES, 0) : null;
    return { names, nouns, verb, sentences, sentencesFrom, copiesLeft, feedsUsed: new Set(), title, wire };
  }

  /** The draws of item(), without the item: rewritten sentences, then boilerplate, author, time, image. */
  private passItem(event: StoryEvent): void {
    const isCopy = event.feedsUsed.size > 1;
    if (isCopy && event.wire === null) {
      for (let i = 0; i < event.sentencesFrom.count; i += 1)
        if (this.random.next() < 0.5) this.passSentence();
    }
    this.random.skip(isCopy ? 4 : 3);
  }

  private item(event: StoryEvent, feedIndex: number, sequence: number, at: Date): ItemInput {
    const feed = this.feed(feedIndex);
    const isCopy = event.feedsUsed.size > 1;
    const rewrite = isCopy && event.wire === null;
    let sentences = this.sentencesOf(event);
    let title = event.title;
    if (rewrite) {
      // Another outlet's own report of the event: same names and topic, different wording.
      sentences = sentences.map((s) => (this.random.next() < 0.5 ? this.sentence(event) : s)).reverse();
      title = `${event.names[1]} ${event.nouns[0]}: ${event.names[0]} ${event.verb} ${event.nouns[1]}`;
    }
    const lines = [...sentences];
    if (isCopy) lines.push(this.pick(BOILERPLATE, 0));
    const paragraphs: string[] = [];
    for (let i = 0; i < lines.length; i += 3) paragraphs.push(lines.slice(i, i + 3).join(' '));
    const contentText = paragraphs.join('\n\n');
    const key = `${feed.url}#${sequence}`;
    const wordCount = contentText.split(/\s+/).length;
    return {
      key,
      guid: key,
      url: `${feed.siteUrl}articles/${feedIndex}-${sequence}`,
      canonicalUrl: null,
      title,
      summary: sentences[0] ?? null,
      contentHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
      contentText,
      authors: [{ name: `${this.pick(NAMES)} Reporter` }],
      categories: [feed.folder ?? 'World'],
      enclosures: [],
      publishedAt: new Date(at.getTime() - Math.floor(this.random.next() * HOUR)).toISOString(),
      updatedAt: null,
      language: feedIndex % 10 === 0 ? 'fr' : 'en',
      imageUrl: this.random.next() < 0.4 ? `${feed.siteUrl}images/${feedIndex}-${sequence}.jpg` : null,
      commentsUrl: null,
      wire: event.wire,
      wordCount,
      contentHash: createHash('sha1').update(contentText).digest('hex'),
      simhash: this.simhash(contentText),
    };
  }

  /** Charikar simhash over word pairs; each word's 64 random bits are drawn once from the seeded PRNG. */
  private simhash(text: string): string {
    const votes = new Int32Array(64);
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    for (let i = 0; i + 1 < words.length; i += 1) {
      const [a0, a1] = this.bitsOf(words[i]!);
      const [b0, b1] = this.bitsOf(words[i + 1]!);
      const low = (a0 ^ ((b0 << 7) | (b0 >>> 25))) >>> 0;
      const high = (a1 ^ ((b1 << 7) | (b1 >>> 25))) >>> 0;
      for (let bit = 0; bit < 32; bit += 1) {
        votes[bit]! += (low >>> bit) & 1 ? 1 : -1;
        votes[bit + 32]! += (high >>> bit) & 1 ? 1 : -1;
      }
    }
    let low = 0;
    let high = 0;
    for (let bit = 0; bit < 32; bit += 1) {
      if (votes[bit]! > 0) low |= 1 << bit;
      if (votes[bit + 32]! > 0) high |= 1 << bit;
    }
    return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
  }

  private bitsOf(word: string): [number, number] {
    let bits = this.wordBits.get(word);
    if (!bits) {
      const hash = createHash('md5').update(word).digest();
      bits = [hash.readUInt32LE(0), hash.readUInt32LE(4)];
      this.wordBits.set(word, bits);
    }
    return bits;
  }
}

/** Differing bits between two 16-hex-digit simhashes. */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 4) {
    let x = Number.parseInt(a.slice(i, i + 4), 16) ^ Number.parseInt(b.slice(i, i + 4), 16);
    for (; x; x &= x - 1) distance += 1;
  }
  return distance;
}

/** The calls one poll's ingest makes. */
type IngestApi = Pick<Db, 'items'>;
type IngestWithTime = (feedId: number, items: ItemInput[], options: { now: Date }) => Promise<unknown>;

/**
 * Ingests one poll as the worker does: `items.ingest` writes the items and queues the new and changed
 * ones for the clustering stage, in one transaction.
 */
export async function ingestPoll(api: IngestApi, feedId: number, poll: SyntheticPoll): Promise<void> {
  // `now` (an @newsfeed/db extension) records the poll's time as the items' first-seen time.
  const ingest = api.items.ingest as IngestWithTime;
  await ingest(feedId, poll.items, { now: poll.at });
}

export async function addFeeds(db: Db, corpus: SyntheticCorpus): Promise<number[]> {
  const ids: number[] = [];
  for (const feed of corpus.feeds()) ids.push((await db.feeds.add(feed)).id);
  return ids;
}

/** Ids of the corpus's feeds in a database seeded with it (added in corpus order by the seeding run). */
export async function seededFeedIds(db: Db, corpus: SyntheticCorpus): Promise<number[]> {
  const ids: number[] = [];
  for (const feed of corpus.feeds()) {
    const found = await db.feeds.getByUrl(feed.url);
    if (!found) throw new Error(`feed ${feed.url} is missing: use the --feeds the database was seeded with`);
    ids.push(found.id);
  }
  return ids;
}

/**
 * A seeded database's corpus, continued for `more` items: how many it holds, its feeds' ids, and the
 * polls that come after its items (for a run that ingests more of the same corpus into it).
 */
export async function continueSeededCorpus(
  db: Db,
  feeds: number,
  more: number,
): Promise<{ existing: number; feedIds: number[]; polls: Generator<SyntheticPoll> }> {
  const existing = (await db.stats()).items;
  const corpus = new SyntheticCorpus({ feeds, items: existing + more });
  return { existing, feedIds: await seededFeedIds(db, corpus), polls: corpus.polls(existing) };
}

/** The next polls of `polls` up to `items` items (the last poll whole), for a run to ingest as one batch. */
export function takePolls(polls: Iterator<SyntheticPoll>, items: number): SyntheticPoll[] {
  const batch: SyntheticPoll[] = [];
  for (let taken = 0; taken < items; ) {
    const next = polls.next();
    if (next.done) break;
    batch.push(next.value);
    taken += next.value.items.length;
  }
  return batch;
}

export interface IngestOptions {
  /** Stop after this many items. */
  items: number;
  /**
   * How many polls are ingested at once, as the worker's concurrent polls do (WORKER_CONCURRENCY;
   * default 1); on SQLite the storage layer commits the calls queued together in one transaction.
   */
  pollsInFlight?: number;
  onProgress?: (itemsDone: number, ingestMs: number) => void;
}

/** Polls generated ahead per pollsInFlight when they run concurrently (generation is not timed). */
const POLLS_AHEAD_PER_FLIGHT = 8;

/** Ingests `polls` with up to `inFlight` calls at once, started in order (so committed in order). */
async function ingestConcurrently(
  api: IngestApi,
  feedIds: number[],
  polls: SyntheticPoll[],
  inFlight: number,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < polls.length) {
      const poll = polls[next++]!;
      await ingestPoll(api, feedIds[poll.feedIndex]!, poll);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, polls.length) }, lane));
}

/**
 * Ingests polls from `polls` until `options.items` items. Returns the wall-clock time and this
 * process's CPU time spent inside the database API (generating the corpus is not counted in either).
 */
export async function ingestPolls(
  db: Db,
  feedIds: number[],
  polls: Iterator<SyntheticPoll>,
  options: IngestOptions,
): Promise<{ items: number; ingestMs: number; ingestCpuMs: number }> {
  const inFlight = options.pollsInFlight ?? 1;
  const pollsPerBatch = inFlight * POLLS_AHEAD_PER_FLIGHT;
  let items = 0;
  let ingestMs = 0;
  let ingestCpuMs = 0;
  while (items < options.items) {
    const batch: SyntheticPoll[] = [];
    while (batch.length < pollsPerBatch && items < options.items) {
      const next = polls.next();
      if (next.done) break;
      batch.push(next.value);
      items += next.value.items.length;
    }
    if (batch.length === 0) break;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const run = async (api: IngestApi) => {
      for (const poll of batch) await ingestPoll(api, feedIds[poll.feedIndex]!, poll);
    };
    if (inFlight > 1) await ingestConcurrently(db, feedIds, batch, inFlight);
    else await run(db);
    ingestMs += performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    ingestCpuMs += (cpu.user + cpu.system) / 1000;
    options.onProgress?.(items, ingestMs);
  }
  return { items, ingestMs, ingestCpuMs };
}

/** Fills `db` with the whole corpus through the public API, one poll at a time, as the worker does. */
export async function seedDatabase(
  db: Db,
  corpus: SyntheticCorpus,
  optionsOrProgress: Omit<IngestOptions, 'items'> | IngestOptions['onProgress'] = {},
): Promise<{ feedIds: number[]; items: number; ingestMs: number }> {
  const options =
    typeof optionsOrProgress === 'function' ? { onProgress: optionsOrProgress } : optionsOrProgress;
  const feedIds = await addFeeds(db, corpus);
  const result = await ingestPolls(db, feedIds, corpus.polls(), { items: corpus.options.items, ...options });
  return { feedIds, ...result };
}
