import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ALLOWED_METHODS } from '../lib/request-screen';
import { answerUnsupportedMethods } from '../lib/unsupported-methods';

// Issue 16 item 9: TRACE (which Next.js cannot turn into a Fetch Request) gets 405, not 500.

function send(port: number, method: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path: '/' }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, allow: incoming.headers.allow }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('answerUnsupportedMethods', () => {
  it('answers TRACE with 405 and Allow on a real server, and passes every other method on', async () => {
    answerUnsupportedMethods();
    answerUnsupportedMethods(); // twice is once
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(request.method ?? '');
      response.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await send(port, 'TRACE')).toEqual({ status: 405, allow: ALLOWED_METHODS.join(', ') });
      expect((await send(port, 'GET')).status).toBe(200);
      expect((await send(port, 'PUT')).status).toBe(200);
      expect(seen).toEqual(['GET', 'PUT']);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
