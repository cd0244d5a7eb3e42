// The part of sax's API (the tokenizer under xml2js, and so under rss-parser) build-xml-tree uses;
// sax ships no types.
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SAXParser {
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, options?: { trim?: boolean; normalize?: boolean }): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
