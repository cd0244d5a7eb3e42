// The search benchmark's query mix (bench/db.ts, bench/search-ab.ts): deterministic queries as people
// type them — one word (50 %), two words (30 %), a "phrase" (10 %) and a prefix* (10 %) — over news
// words of the synthetic corpus (bench/lib/synthetic-corpus.ts).

export const SEARCH_WORDS =
  `government election talks ceasefire inflation court storm flood parliament budget vaccine
climate summit sanctions exports strike merger privacy drone earthquake wildfire harvest protest coalition verdict
fraud airport railway rescue currency regulation satellite championship festival geneva kyiv brussels tokyo lagos
nairobi ankara jakarta ottawa macron modi lula guterres lagarde nato opec boeing samsung`.split(/\s+/);

export type QueryKind = 'word' | 'two words' | 'phrase' | 'prefix';
const QUERY_KINDS: QueryKind[] = [
  'phrase',
  'prefix',
  'two words',
  'two words',
  'two words',
  'word',
  'word',
  'word',
  'word',
  'word',
];

/** The run-th query of the mix. */
export function searchQuery(run: number): { kind: QueryKind; query: string } {
  const word = (n: number) => SEARCH_WORDS[(run * 7919 + n * 104_729) % SEARCH_WORDS.length]!;
  const kind = QUERY_KINDS[run % QUERY_KINDS.length]!;
  const query =
    kind === 'phrase'
      ? `"${word(1)} ${word(2)}"`
      : kind === 'prefix'
        ? `${word(1).slice(0, 4)}*`
        : kind === 'two words'
          ? `${word(1)} ${word(2)}`
          : word(1);
  return { kind, query };
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

/** This process's CPU milliseconds since `start` (user + system). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
