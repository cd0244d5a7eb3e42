import { type Handler, Parser, type ParserOptions } from 'htmlparser2';

/** The events sanitizeHtml and htmlToText listen to. */
export type HtmlEvents = Partial<Pick<Handler, 'onopentag' | 'ontext' | 'onclosetag'>>;

const OPTIONS: ParserOptions = {
  decodeEntities: true,
  lowerCaseTags: true,
  lowerCaseAttributeNames: true,
  recognizeSelfClosing: true,
};

/**
 * Tokenizes an HTML fragment, reporting its tags and text (entities decoded) to `events`. A fresh
 * parser each time: htmlparser2's reset() keeps tokenizer state (an unterminated <script> or
 * <title> left it in a special state), so a reused parser misreads the next fragment.
 */
export function parseHtml(html: string, events: HtmlEvents): void {
  const parser = new Parser(events, OPTIONS);
  parser.write(html);
  parser.end();
}
