// Optional tracing: with OTEL_EXPORTER_OTLP_ENDPOINT set, spans of requests, job runs and outbound calls reach an
// OTLP/HTTP receiver (here a small server of the test's own, accepting POST /v1/traces as JSON).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let receiver: Server;
  let connector: TestConnector;
  const spans: OtlpSpan[] = [];
  const services = new Set<string>();

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/v1/traces') {
          const parsed = JSON.parse(body) as {
            resourceSpans: Array<{
              resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
              scopeSpans: Array<{ spans: OtlpSpan[] }>;
            }>;
          };
          for (const resourceSpans of parsed.resourceSpans) {
            const name = resourceSpans.resource.attributes.find((a) => a.key === 'service.name');
            if (name?.value.stringValue) services.add(name.value.stringValue);
            for (const scope of resourceSpans.scopeSpans) spans.push(...scope.spans);
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    connector = await startTestConnector({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await connector?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('sends a server span per request, joined to the caller trace when it sends a traceparent', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await fetch(`${connector.url}/health`, {
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    const span = await eventually(() => spans.find((s) => s.traceId === traceId), 10_000, 'the /health span');
    expect(span).toMatchObject({ name: 'GET /health', kind: SERVER, parentSpanId: 'b7ad6b7169203331' });
    expect(services).toContain('ct-friendbuy');
  });

  it("traces an order's job run and the Friendbuy call it makes, the call a child of the run", async () => {
    await placeDemoOrder(connector.api, { email: 'traced@example.com' });
    const call = await eventually(
      () => spans.find((s) => s.kind === CLIENT && s.name === 'friendbuy POST /v1/event/purchase'),
      15_000,
      'the purchase call span',
    );
    const run = spans.find((s) => s.spanId === call.parentSpanId);
    expect(run).toMatchObject({ name: 'job friendbuy.purchase', kind: CONSUMER, traceId: call.traceId });
    expect(spans.some((s) => s.kind === SERVER && s.name === 'POST /events/commercetools')).toBe(true);
    expect(spans.some((s) => s.kind === CLIENT && s.name === 'commercetools GET /orders/{id}')).toBe(true);
  });
});
