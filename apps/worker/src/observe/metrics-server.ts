import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerMetrics } from './metrics.js';

export interface HealthSource {
  /** Null when healthy, else why not. */
  problem(): string | null;
}

/** Serves GET /metrics (Prometheus text) and GET /healthz (200 "ok" or 503 with the reason). */
export async function startMetricsServer(
  metrics: WorkerMetrics,
  health: HealthSource,
  port: number,
  host: string,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      response.end(metrics.render());
    } else if (request.method === 'GET' && path === '/healthz') {
      const problem = health.problem();
      response.writeHead(problem ? 503 : 200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(problem ?? 'ok\n');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
