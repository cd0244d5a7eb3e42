// Words that name a kind of article rather than an event ("Live updates", "Photos", "Daily
// briefing"): they never count as evidence that two items report the same event.

export const GENERIC_HEADLINE_WORDS: ReadonlySet<string> = new Set(
  (
    'live update updates latest news breaking video videos watch photo photos picture pictures gallery ' +
    'podcast briefing today tonight daily weekly morning evening headline headlines roundup digest ' +
    'newsletter blog opinion editorial column analysis recap highlights minute minutes hour hours ' +
    'read more click here'
  ).split(' '),
);
