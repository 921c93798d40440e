// Child-process entry of one bench part (child.ts starts it): an event intake target (bare route, no store,
// PostgreSQL server, embedded store), a Friendbuy webhooks or cart extension target (bare route, PostgreSQL server,
// embedded store), or the sandbox end to end. Compiled as `npm start` runs the connector, so no TypeScript loader adds its own work
// (tsx keeps every function's name with a call each time a closure is made) or memory.
// The whole connector's code is loaded too, as in a real connector process, though only one route serves.
import '../src/connector.js';
import type { ChildRequest } from './child.js';
import { benchEndToEnd } from './e2e.js';
import { benchExtensionTarget } from './extension.js';
import { benchBare, benchNoStore, benchStore } from './intake.js';
import { benchWebhookTarget } from './webhooks.js';

process.once('message', async (request: ChildRequest) => {
  process.send?.(await bench(request), () => process.disconnect());
});

function bench(request: ChildRequest) {
  switch (request.part) {
    case 'e2e':
      return benchEndToEnd(request.options);
    case 'extension':
      return benchExtensionTarget(request.target, request.options);
    case 'webhooks':
      return benchWebhookTarget(request.target, request.options);
    case 'intake':
      if (request.target === 'bare') return benchBare(request.options);
      if (request.target === 'no store') return benchNoStore(request.options);
      return benchStore(request.target, request.options);
  }
}
