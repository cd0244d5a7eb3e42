// Where the story rule goes wrong on the dev headlines: each true story split into several predicted
// ones (recall), and each predicted story holding members of several true ones (precision), the
// costliest first, with the headlines, so an improvement is chosen on the errors, not on the score.
//
//   npx tsx bench/clustering-errors.ts [--order timestamp|publisher] [--tuning '{"storyMergeThreshold":0.3}']
//        [--stories 15] [--examples 4]
import { parseArgs } from 'node:util';
import type { RuleTuning } from '../apps/worker/src/cluster/rule/index.js';
import { bcubed, formatScore } from './lib/bcubed.js';
import { clusterDocs, headlineDoc, ordered } from './lib/clustering-rule-run.js';
import { type Headline, loadHeadlines } from './lib/headline-corpus.js';

const { values: args } = parseArgs({
  options: {
    order: { type: 'string', default: 'timestamp' },
    tuning: { type: 'string', default: '{}' },
    stories: { type: 'string', default: '15' },
    examples: { type: 'string', default: '4' },
  },
});
const STORIES = Number(args.stories);
const EXAMPLES = Number(args.examples);

/** Items grouped by a label, largest group first. */
function groupBy<T>(items: readonly T[], label: (item: T) => string | number): T[][] {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const key = label(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

const titles = (headlines: readonly Headline[]) =>
  headlines
    .slice(0, EXAMPLES)
    .map((headline) => JSON.stringify(headline.title))
    .join(' | ');

const headlines = loadHeadlines();
const feedIds = new Map<string, number>();
const docs = ordered(headlines, args.order ?? 'timestamp').map((headline) => headlineDoc(headline, feedIds));
const tuning = JSON.parse(args.tuning ?? '{}') as Partial<RuleTuning>;
const predicted = clusterDocs(docs, tuning);
const storyOf = (headline: Headline) => predicted.get(headline.id) ?? -headline.id;
const total = headlines.length;
console.log(`${args.order} order, tuning ${JSON.stringify(tuning)}`);
console.log(
  formatScore(
    bcubed(
      new Map(headlines.map((headline) => [headline.id, headline.story])),
      new Map(headlines.map((headline) => [headline.id, storyOf(headline)])),
    ),
  ),
);

// Recall lost on a true story: for each member, the share of its story outside its predicted part.
const splits = groupBy(headlines, (headline) => headline.story).map((story) => {
  const parts = groupBy(story, storyOf);
  const kept = parts.reduce((sum, part) => sum + part.length * part.length, 0) / story.length;
  return { story, parts, lost: (story.length - kept) / total };
});
splits.sort((a, b) => b.lost - a.lost);
console.log(`\nSplit stories (BCubed recall lost, of ${total} headlines), the costliest ${STORIES}:`);
for (const { story, parts, lost } of splits.slice(0, STORIES)) {
  if (parts.length < 2) continue;
  const singles = parts.filter((part) => part.length === 1).flat();
  console.log(
    `\n  ${story.length} headlines in ${parts.length} parts (${parts.map((part) => part.length).join(' ')}), recall lost ${lost.toFixed(3)}`,
  );
  console.log(`    largest part: ${titles(parts[0] ?? [])}`);
  for (const part of parts
    .slice(1)
    .filter((other) => other.length > 1)
    .slice(0, EXAMPLES))
    console.log(`    part of ${part.length}: ${titles(part)}`);
  if (singles.length > 0) console.log(`    alone (${singles.length}): ${titles(singles)}`);
}

// Precision lost on a predicted story: for each member, the share of its story from other true stories.
const mixes = groupBy(headlines, storyOf)
  .map((members) => {
    const parts = groupBy(members, (headline) => headline.story);
    const kept = parts.reduce((sum, part) => sum + part.length * part.length, 0) / members.length;
    return { parts, lost: (members.length - kept) / total };
  })
  .filter(({ parts }) => parts.length > 1)
  .sort((a, b) => b.lost - a.lost);
console.log(`\nMixed stories (BCubed precision lost), the costliest ${STORIES}:`);
for (const { parts, lost } of mixes.slice(0, STORIES)) {
  console.log(
    `\n  ${parts.reduce((sum, part) => sum + part.length, 0)} headlines from ${parts.length} true stories (${parts.map((part) => part.length).join('+')}), precision lost ${lost.toFixed(3)}`,
  );
  console.log(`    most: ${titles(parts[0] ?? [])}`);
  for (const part of parts.slice(1, 1 + EXAMPLES)) console.log(`    with ${part.length}: ${titles(part)}`);
}
