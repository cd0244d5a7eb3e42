import { type IncomingMessage, Server, type ServerResponse } from 'node:http';
import { ALLOWED_METHODS } from './request-screen';

// The Fetch API cannot represent TRACE or TRACK, so Next.js would answer them 500: TRACE is answered
// 405 here, at the HTTP server; every other method reaches proxy.ts (lib/request-screen.ts).

/**
 * Methods the Fetch API will not carry that reach a request handler (Node's parser answers TRACK
 * 400 itself, and CONNECT goes to the server's 'connect' event, which closes the socket).
 */
export const FETCH_UNSUPPORTED_METHODS: ReadonlySet<string> = new Set(['TRACE']);

const INSTALLED = Symbol.for('newsfeed.web.unsupported-methods');

/** Makes every HTTP server of this process answer FETCH_UNSUPPORTED_METHODS with 405 and Allow. */
export function answerUnsupportedMethods(): void {
  const prototype = Server.prototype as Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  prototype.emit = function emitRequest(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (FETCH_UNSUPPORTED_METHODS.has(request.method ?? '')) {
        response.writeHead(405, {
          Allow: ALLOWED_METHODS.join(', '),
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        response.end(`Method ${request.method} is not allowed.\n`);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof prototype.emit;
}
