// Lines and blocks that are page furniture even inside the chosen article body. Each pattern
// matches a whole short block (after whitespace collapsing), so prose that merely mentions
// "advertisement" or "subscribe" is never touched.

/** Blocks longer than this are prose, whatever they start with. */
export const MAX_BOILERPLATE_BLOCK_CHARS = 220;

/**
 * Metering, paywall and login-box lines that end up inside a story's container: what a reader
 * who is not signed in sees instead of, or beside, the text. Whole short blocks only.
 */
export const PAYWALL_AND_LOGIN_BLOCKS: readonly RegExp[] = [
  /^you(?:'ve| have) (?:read|reached|used)\b.{0,40}\b(?:free )?(?:articles?|stories|story|limit)\b.{0,120}$/i,
  /^(?:already (?:a |an )?(?:subscriber|member|registered)|not (?:a |an )?(?:subscriber|member))\b.{0,120}$/i,
  /^(?:to (?:continue|keep) reading|continue reading (?:with|for)|unlock (?:this|unlimited|full|the full))\b.{0,160}$/i,
  /^(?:subscribe|subscription|become a (?:subscriber|member))\b.{0,120}[£$€]\s?\d.{0,60}$/i,
  /\b\d+ (?:issues|months|weeks) for (?:just |only )?[£$€]\s?\d.{0,120}$/i,
  /\bsubscriptions?\b.{0,80}\bfor (?:as little as|just|only)\b.{0,120}$/i,
  /^(?:forgot(?:ten)? (?:your )?(?:password|username|login)|remember me|keep me (?:logged|signed) in|don'?t have an account|create (?:an |your )?(?:free )?account|(?:log|sign) ?in with (?:facebook|google|apple|twitter|email)|invalid (?:username|password|e-?mail|login)|your session has expired)\b.{0,120}$/i,
];

/**
 * Whole blocks that are furniture of HTML pages in particular (captions, credits, gallery controls,
 * comment counts); what scraped text shares with pages is in ../text/boilerplate-patterns.ts.
 */
export const BOILERPLATE_BLOCKS: readonly RegExp[] = [
  /^(?:skip|jump) to (?:main )?(?:content|navigation|comments)$/i,
  /^(?:see|view|load|show) (?:more|all|the full story|next|full article|less)\W*$/i,
  /^(?:this|the) (?:slideshow|video|content|embed) requires javascript\.?$/i,
  /^(?:click|tap) (?:here|to)\b.{0,80}$/i,
  /^follow\b.{0,80}\b(?:twitter|facebook|instagram|linkedin|youtube|tiktok)\b.{0,60}$/i,
  /^image (?:copyright|caption|source)\b.{0,200}$/i,
  /^(?:image|photo|slide|picture) \d+ (?:of|\/)\s*(?:\/\s*)?\d*$/i,
  /^(?:caption|close|open|next|previous|prev|expand|enlarge|hide caption|toggle caption|back to (?:top|gallery))$/i,
  /^(?:posted|updated|published|last updated|last modified)\b\s*:?.{0,60}\d.{0,40}$/i,
  /^(?:like|enjoy(?:ed)?|love) this (?:story|article|post)\?/i,
  /\baffiliate (?:links?|commissions?|partnerships?)\b/i,
  /^(?:have a (?:news )?tip|got a (?:news )?tip)\?/i,
  /(?:©|\(c\)|copyright)\s*(?:\d{4}|\w+ \d{4})\b/i,
  /^(?:tell us what you think|what do you think)\W*$/i,
  /^get .{0,60} on the go\b.{0,60}$/i,
  /^(?:read|see|click|tap) .{0,80} (?:by clicking here|here)\W*$/i,
  // A CMS shortcode the theme failed to render: "[button link=...]Send us your review[/button]".
  /^\[(\w+)(?:\s[^\]]*)?\].{0,160}\[\/\1\]$/,
  ...PAYWALL_AND_LOGIN_BLOCKS,
];

/**
 * Short headings after which a page lists other stories, beyond the shared "related-list"
 * pattern: the heading and the link blocks under it are dropped, and when it comes in the
 * article's last part, everything after it too.
 */
export const RECIRCULATION_HEADINGS: readonly RegExp[] = [
  /^(?:you (?:may|might) (?:also )?(?:like|be interested in|enjoy)|you may have missed|recommended reading|related(?: links| reading)|more (?:about|coverage|headlines)\b.{0,60}|read (?:next|this next)|up next|also read|further reading|see also|latest stories|want more stories like this\??)\W*$/i,
];

/** A link-only block starting like this is a pointer to another story ("READ MORE: ..."). */
export const STORY_POINTER =
  /^(?:read more|see more|also|more|related|also read|read also|watch|listen|recommended|see also|don'?t miss|must read|trending|latest|opinion|analysis|video|photos?|gallery|click here|read)\b\s*[:|>»\-–—]?/i;

/** A caption or credit trailing a block: "(Image: GETTY)", "(AP Photo/Alan Diaz, File)". */
export const TRAILING_CREDIT =
  /\((?:image|photo|picture|pic|credit|source|foto|video|illustration)s?(?: credit)?\s*:[^)]{0,120}\)\s*$|\((?:AP|AFP|Reuters|Getty|EPA|PA|Bloomberg|Shutterstock)(?: Images)?(?: Photo)?[^)]{0,80}\)\s*$/i;

/** Class or id words of caption and credit elements. */
export const CAPTION_CLASS =
  /(?:^|[\s_-])(?:caption|captions|figcaption|credit|credits|photo-credit|image-credit|byline-credit|copyright)(?=$|[\s_-])/i;

/** Class or id words of author boxes and tag lists inside the article. */
export const AUTHOR_OR_TAGS_CLASS =
  /(?:^|[\s_-])(?:author-bio|authorbio|author-info|author-box|author-details|author-card|author-profile|about-the-author|about-author|bio|tags|tag-list|post-tags|article-tags|entry-tags|keywords)(?=$|[\s_-])/i;
