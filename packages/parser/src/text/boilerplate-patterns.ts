// Lines that content farms and CMS templates wrap around a story, as named data. Each pattern is
// anchored on the whole line or its start and applies only to lines short enough to be furniture,
// so a sentence that mentions "read more" is never dropped.

export interface BoilerplatePattern {
  /** Recorded in diagnostics; says why a line went. */
  name: string;
  pattern: RegExp;
  /** Lines with more words than this are never matched by this pattern. */
  maxWords: number;
}

const SOCIAL_WORD =
  '(?:share|tweet|pin(?: it)?|e-?mail|print|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|pinterest|messenger|tumblr|flipboard|pocket|sms|copy(?: link)?|link|teilen|partager|compartir|condividi|compartilhar|delen|поделиться)';
const SEPARATOR = '[\\s|•·,:/\\-–—]*';
const SOCIAL_RUN = new RegExp(`^(?:${SOCIAL_WORD}${SEPARATOR}){1,12}$`, 'iu');

export const BOILERPLATE_PATTERNS: readonly BoilerplatePattern[] = [
  { name: 'social-buttons', pattern: SOCIAL_RUN, maxWords: 14 },
  {
    name: 'share-label',
    pattern:
      /^(?:share|share (?:this|the) (?:article|story|post|page)|share on \w+|click to share|teilen|artikel teilen|partager(?: cet article)?|compartir|compartilhe|condividi|delen|поделиться)(?![\p{L}\p{N}]).{0,60}$/iu,
    maxWords: 12,
  },
  {
    name: 'follow-us',
    pattern:
      /^(?:connect with us|follow us|like us|find us|join us|stay connected|folgen sie uns|suivez-nous|síguenos|seguici|siga-nos|volg ons|подписывайтесь)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])follow us on(?![\p{L}\p{N}])/iu,
    maxWords: 20,
  },
  {
    name: 'subscribe',
    pattern:
      /^(?:subscribe|sign up|get (?:our|the) .{0,40}newsletter|join our|download (?:our|the) app|abonnez-vous|suscríbete|iscriviti|assine|abonnieren sie)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:newsletters?|inbox)(?![\p{L}\p{N}])(?!.*[.!?]["”]?$)/iu,
    maxWords: 20,
  },
  {
    // A promo block ending in the call: "... Sign up for the free daily newsletter."
    name: 'newsletter-call',
    pattern:
      /^(?=.*(?<![\p{L}\p{N}])(?:subscribe|sign up|get|join|receive)(?![\p{L}\p{N}])).*(?<![\p{L}\p{N}])(?:newsletters?|inbox)[\s.!…]*$/iu,
    maxWords: 40,
  },
  {
    name: 'source-link',
    pattern:
      /^(?:source link|original source|source|via)\s*(?:[:：].{0,80})?$|^(?:sources?|quelle|fuente|fonte|bron|источник)\s*[:：].{0,80}$/iu,
    maxWords: 10,
  },
  {
    name: 'read-more',
    pattern:
      /^(?:read more|read also|also read|read next|see also|more:|related:|continue reading|keep reading|click here|full story|read the full (?:story|article)|read the original (?:article|story|post)|view (?:full )?article|lesen sie (?:auch|mehr)|weiterlesen|mehr zum thema|auch interessant|lire aussi|à lire aussi|a lire aussi|lire la suite|voir aussi|leer más|lee también|te puede interesar|ver más|leggi anche|continua a leggere|leia (?:também|mais)|veja também|lees (?:ook|verder)|читайте также|читать далее)(?![\p{L}\p{N}])/iu,
    maxWords: 25,
  },
  {
    name: 'advertisement',
    pattern:
      /^(?:advertisement|advertising|advert|ads?|sponsored(?: content)?|promoted|paid content|story continues below(?: advertisement)?|article continues (?:below|after (?:this )?advertisement)|scroll to continue(?: with content| reading)?|(?:advertisement|ad)\s*[-–—:]\s*scroll to continue(?: with content| reading)?|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|реклама|continua após a publicidade)[\s.:…-]*$/iu,
    maxWords: 6,
  },
  {
    name: 'related-list',
    pattern:
      /^(?:related(?: posts| articles| stories| news| coverage| content| topics)?|you (?:may|might) (?:also )?like|more (?:from|on|in|stories|news)(?![\p{L}\p{N}]).{0,40}|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|recommended(?: for you| stories)?|popular (?:posts|stories|now)|latest (?:news|posts|stories|headlines)|top stories|don'?t miss|editor'?s picks?|what to read next|around the web|from the web|recommended by \w+|promoted stories|sponsored (?:links|stories)|explore more on these topics|noticias relacionadas|articles? similaires|verwandte artikel|ähnliche artikel)\s*[:：]?$/iu,
    maxWords: 10,
  },
  {
    name: 'tags',
    pattern:
      /^(?:tags?|tagged(?: with)?|filed under|categories|category|(?:related )?topics?|posted in|keywords?|schlagwörter|stichwörter|mots-clés|etiquetas|temas|argomenti|tag|теги)\s*[:：]/iu,
    maxWords: 40,
  },
  { name: 'post-appeared-first', pattern: /^the post .+ appeared first on .+$/iu, maxWords: 60 },
  {
    name: 'copyright',
    pattern:
      /^(?:©|\(c\)|copyright(?![\p{L}\p{N}])|all rights reserved)|(?<![\p{L}\p{N}])all rights reserved(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])tous droits réservés(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])alle rechte vorbehalten(?![\p{L}\p{N}])/iu,
    maxWords: 40,
  },
  {
    name: 'loading',
    pattern: /^(?:loading|please wait|wird geladen|chargement)\s*(?:\.{2,}|…)?$/iu,
    maxWords: 3,
  },
  {
    name: 'comments',
    pattern:
      /^(?:\d+\s+)?comments?\s*(?:\(\d+\))?$|^(?:leave a (?:comment|reply)|post a comment|add (?:a )?comment|no comments(?: yet)?|view comments|show comments|join the (?:conversation|discussion)|kommentare?|commentaires?|comentarios?|commenti)(?![\p{L}\p{N}])/iu,
    maxWords: 12,
  },
  {
    name: 'site-chrome',
    pattern:
      /^(?:log ?in|sign ?in|log ?out|register|my account|search|menu|skip to (?:main )?content|close|toggle navigation|back to top|home|accept(?: all)?(?: cookies)?|we use cookies(?![\p{L}\p{N}]).*|cookie (?:settings|policy)|privacy policy|terms (?:of (?:use|service)|and conditions)|contact us|about us|print this (?:page|article))\s*$/iu,
    maxWords: 20,
  },
  {
    name: 'media-credit',
    pattern:
      /^(?:(?:photo|image|picture|video|foto)s?(?: credits?)?|pictured|credits?|file photo|watch|listen|bild(?:er)?|imagen|immagine|фото)\s*[:：|]|^(?:image|media) (?:source|caption|credit)\s*[,:]|(?<![\p{L}\p{N}])(?:getty images|shutterstock|istock|ap photo|afp photo|epa-efe)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:reuters|afp|ap|dpa|epa|efe|xinhua|anadolu)\/\p{L}|\/(?:reuters|afp|ap|dpa|epa|efe|getty images|file photo)(?![\p{L}\p{N}])/iu,
    maxWords: 45,
  },
  {
    // Login boxes of common news themes, scraped along with the story.
    name: 'account-chrome',
    pattern:
      /^(?:welcome!? log ?into your account|log ?into your account|your (?:username|password|email)|forgot your password\??(?: get help)?|lost your password\??|password recovery|recover your password|get help|remember me|create an account|a password will be e-?mailed to you\.?)$/iu,
    maxWords: 10,
  },
  {
    name: 'engagement',
    pattern:
      /^(?:\d[\d,.]*\s?[km]?\s+(?:shares?|views?|likes?|reads?|comments?|reactions?)(?:\s*[|•·,]\s*\d[\d,.]*\s?[km]?\s+(?:shares?|views?|likes?|reads?|comments?))*|(?:updated|published|posted)?\s*:?\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)$/iu,
    maxWords: 12,
  },
  {
    name: 'reading-time',
    pattern:
      /^(?:\d+\s*(?:min|mins|minutes?)(?:\s+read)?|reading time(?![\p{L}\p{N}]).*|lesezeit(?![\p{L}\p{N}]).*)$/iu,
    maxWords: 6,
  },
  {
    name: 'prev-next',
    pattern: /^(?:previous|next|prev)\s+(?:article|post|story|page)(?![\p{L}\p{N}])|^(?:‹|←)\s|\s(?:›|→)$/iu,
    maxWords: 20,
  },
  {
    // WordPress likes and comment forms.
    name: 'wordpress-chrome',
    pattern:
      /^(?:like this:?|like loading(?:\.{3}|…)?|be the first to like this\.?|post navigation|leave a reply(?: cancel reply)?|cancel reply|your email address will not be published\.?.*|required fields are marked.*|save my name, email, and website.*|(?:name|email|website|comment)\s*\*?|reuse this content|disclaimer\s*[:：].*)$/iu,
    maxWords: 40,
  },
  {
    name: 'credits',
    pattern:
      /^\(?\s*(?:(?:additional )?reporting|writing|editing|edited|compiled|translated|produced|graphics?) by(?![\p{L}\p{N}])|^(?:editor|editors|edited by|translator|producer|责任编辑|编辑|記者|기자)\s*[:：]|^our standards(?![\p{L}\p{N}])/iu,
    maxWords: 40,
  },
  {
    name: 'syndication-note',
    pattern:
      /(?<![\p{L}\p{N}])(?:auto-generated from a syndicated feed|syndicated feed|has not been edited by .{0,40} staff|originally (?:appeared|published) (?:on|in|at))(?![\p{L}\p{N}])/iu,
    maxWords: 45,
  },
  {
    name: 'cjk-furniture',
    pattern:
      /^(?:シェア(?:する)?|ツイート|関連記事|関連ニュース|広告|続きを読む|分享(?:到)?|相关(?:新闻|阅读|文章|报道)|广告|原标题|来源|공유하기|관련기사|광고|기자 페이지|구독)\s*[:：]?.{0,30}$/u,
    maxWords: 8,
  },
];

const WORD = /[\p{L}\p{N}]+/gu;
/** Lines longer than this many characters per allowed word are not furniture (and not worth a regex). */
const MAX_CHARS_PER_WORD = 40;

/** Words in `line`, counted up to `atMost` (a paragraph need not be counted to its end). */
export function wordsIn(line: string, atMost = Number.POSITIVE_INFINITY): number {
  let words = 0;
  WORD.lastIndex = 0;
  while (words < atMost && WORD.test(line)) words++;
  WORD.lastIndex = 0;
  return words;
}

const MOST_PATTERN_WORDS = Math.max(...BOILERPLATE_PATTERNS.map(({ maxWords }) => maxWords));
const LONGEST_PATTERN_LINE = MOST_PATTERN_WORDS * MAX_CHARS_PER_WORD;

/** The name of the first boilerplate pattern the line matches, or null. */
export function matchBoilerplatePattern(line: string): string | null {
  const trimmed = line.trim();
  // A paragraph is longer than any pattern's lines: no need to count its words.
  if (trimmed === '' || trimmed.length > LONGEST_PATTERN_LINE) return null;
  const words = wordsIn(trimmed, MOST_PATTERN_WORDS + 1);
  for (const { name, pattern, maxWords } of BOILERPLATE_PATTERNS) {
    if (words <= maxWords && trimmed.length <= maxWords * MAX_CHARS_PER_WORD && pattern.test(trimmed))
      return name;
  }
  return null;
}
