import type { Readable } from 'node:stream';
import { Agent, buildConnector, request } from 'undici';
import { AddressAllowlist, assertUrlAllowed, defaultPort, guardedLookup } from './address-guard.js';
import { readBody } from './decode-body.js';
import { FetchError, findFetchError } from './fetch-error.js';
import { HostLimiter } from './host-limiter.js';

export interface HttpClientOptions {
  userAgent: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  concurrency: number;
  perHostConcurrency: number;
  allowedAddresses: readonly string[];
}

export interface FetchRequest {
  url: string;
  accept: string;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface Redirect {
  status: number;
  from: string;
  to: string;
}

export interface FetchResponse {
  status: number;
  /** The address that answered, after redirects. */
  url: string;
  /** Where the resource lives for good: the address after the leading run of 301/308 redirects. */
  permanentUrl: string;
  redirects: Redirect[];
  headers: Record<string, string>;
  /** Decoded body; empty for 304 and error statuses. */
  body: Buffer;
  wireBytes: number;
  durationMs: number;
}

/** Drops a body we won't read; undici reports the destroy as an error nobody needs to hear. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Errors of a request sent on a connection the server closed at the same moment. */
const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** undici's error when the connection (TCP, and TLS for https) is not up within the connect timeout. */
const CONNECT_TIMEOUT_CODE = 'UND_ERR_CONNECT_TIMEOUT';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new FetchError('INVALID_URL', url, 'Not a valid URL', { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('INVALID_URL', url, `Unsupported scheme ${parsed.protocol}`);
  }
  return parsed;
}

/**
 * The worker's only way onto the network: SSRF-guarded, size- and time-limited, polite (global and
 * per-host concurrency), with redirects followed by hand so every hop passes the guard again.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly allowlist: AddressAllowlist;
  private readonly limiter: HostLimiter;
  /** One connector per port: the guard's lookup must know the port (allowlist entries may name one). */
  private readonly connectors = new Map<number, buildConnector.connector>();

  constructor(private readonly options: HttpClientOptions) {
    this.allowlist = new AddressAllowlist(options.allowedAddresses);
    this.limiter = new HostLimiter(options.concurrency, options.perHostConcurrency);
    this.agent = new Agent({
      connect: (connectOptions, callback) => {
        const port = connectOptions.port ? Number(connectOptions.port) : defaultPort(connectOptions.protocol);
        this.connectorFor(port)(connectOptions, callback);
      },
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      connections: options.perHostConcurrency * 2,
    });
  }

  private connectorFor(port: number): buildConnector.connector {
    let connector = this.connectors.get(port);
    if (!connector) {
      connector = buildConnector({
        timeout: this.options.connectTimeoutMs,
        lookup: guardedLookup(this.allowlist, port),
      });
      this.connectors.set(port, connector);
    }
    return connector;
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const first = parseTarget(req.url);
    return this.limiter.run(first.host, () => this.fetchFollowingRedirects(first, req));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async fetchFollowingRedirects(first: URL, req: FetchRequest): Promise<FetchResponse> {
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.options.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
    const redirects: Redirect[] = [];
    const visited = new Set<string>([first.href]);
    let target = first;
    let permanentUrl = first.href;
    let permanentChain = true;
    for (;;) {
      const response = await this.send(target, req, signal, redirects.length === 0);
      if (REDIRECT_STATUSES.has(response.status) && response.location !== undefined) {
        const next = this.nextHop(target, response.location, redirects.length, visited);
        redirects.push({ status: response.status, from: target.href, to: next.href });
        if (permanentChain && PERMANENT_REDIRECTS.has(response.status)) permanentUrl = next.href;
        else permanentChain = false;
        target = next;
        continue;
      }
      return {
        status: response.status,
        url: target.href,
        permanentUrl,
        redirects,
        headers: response.headers,
        body: response.body,
        wireBytes: response.wireBytes,
        durationMs: Math.round(performance.now() - started),
      };
    }
  }

  private nextHop(current: URL, location: string, hops: number, visited: Set<string>): URL {
    if (hops >= this.options.maxRedirects) {
      throw new FetchError(
        'TOO_MANY_REDIRECTS',
        current.href,
        `More than WORKER_MAX_REDIRECTS (${this.options.maxRedirects}) redirects`,
      );
    }
    let next: URL;
    try {
      next = parseTarget(new URL(location, current).href);
    } catch (cause) {
      throw new FetchError('BAD_REDIRECT', current.href, `Redirect to an invalid location "${location}"`, {
        cause,
      });
    }
    if (visited.has(next.href))
      throw new FetchError('REDIRECT_LOOP', current.href, `Redirect loop via ${next.href}`);
    visited.add(next.href);
    return next;
  }

  private async send(target: URL, req: FetchRequest, signal: AbortSignal, conditional: boolean) {
    assertUrlAllowed(target, this.allowlist);
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: req.accept,
      'accept-encoding': 'gzip, deflate, br',
    };
    // Validators belong to the stored URL; after a redirect they may describe another resource.
    if (conditional && req.etag) headers['if-none-match'] = req.etag;
    if (conditional && req.lastModified) headers['if-modified-since'] = req.lastModified;
    try {
      const response = await this.requestOnce(target, headers, signal);
      const responseHeaders = flattenHeaders(response.headers);
      const status = response.statusCode;
      if (status < 200 || status >= 300) {
        // Error pages, 304s and redirects carry nothing we keep; drop them without reading.
        discard(response.body);
        return {
          status,
          headers: responseHeaders,
          location: responseHeaders.location,
          body: Buffer.alloc(0),
          wireBytes: 0,
        };
      }
      const declared = Number(responseHeaders['content-length']);
      if (!responseHeaders['content-encoding'] && declared > this.options.maxBodyBytes) {
        discard(response.body);
        throw new FetchError(
          'TOO_LARGE',
          target.href,
          `Content-Length ${declared} exceeds WORKER_MAX_BODY_BYTES (${this.options.maxBodyBytes} bytes)`,
        );
      }
      const { bytes, wireBytes } = await readBody(
        response.body,
        responseHeaders['content-encoding'],
        this.options.maxBodyBytes,
        target.href,
      );
      return { status, headers: responseHeaders, location: undefined, body: bytes, wireBytes };
    } catch (error) {
      throw this.classify(error, target.href, signal);
    }
  }

  /**
   * A GET whose kept-alive connection the server had just closed never reached it: send it once
   * more on a fresh connection (what browsers do) instead of recording a failure.
   */
  private async requestOnce(target: URL, headers: Record<string, string>, signal: AbortSignal) {
    try {
      return await request(target, { method: 'GET', headers, signal, dispatcher: this.agent });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (signal.aborted || !STALE_CONNECTION_CODES.has(code)) throw error;
      return request(target, { method: 'GET', headers, signal, dispatcher: this.agent });
    }
  }

  private classify(error: unknown, url: string, signal: AbortSignal): FetchError {
    const known = findFetchError(error);
    if (known) return known;
    const code = (error as { code?: string }).code ?? '';
    const message = (error as Error).message ?? String(error);
    if (code === CONNECT_TIMEOUT_CODE) {
      return new FetchError(
        'TIMEOUT',
        url,
        `Could not connect within WORKER_CONNECT_TIMEOUT_MS (${this.options.connectTimeoutMs} ms)`,
        { cause: error },
      );
    }
    if (signal.aborted || /TIMEOUT/i.test(code) || (error as Error).name === 'AbortError') {
      const userAbort =
        signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError');
      if (userAbort && !/TIMEOUT/i.test(code))
        return new FetchError('ABORTED', url, 'Request aborted', { cause: error });
      return new FetchError(
        'TIMEOUT',
        url,
        `No complete response within WORKER_REQUEST_TIMEOUT_MS (${this.options.requestTimeoutMs} ms) or WORKER_CONNECT_TIMEOUT_MS`,
        { cause: error },
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new FetchError('DNS', url, `Host not found: ${message}`, { cause: error });
    }
    return new FetchError('NETWORK', url, `${code || 'Network error'}: ${message}`, { cause: error });
  }
}
