// GET / in sandbox mode: where a newcomer starts. One small page linking the demo shop, the demo advocates'
// referral links, what the emulated services received, the operator console, the admin API and the docs (served
// at /sandbox/docs).
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { PROJECT_ROOT } from '../project-root.js';
import { DEMO_ADVOCATES } from './referral-demo.js';

/** The repository's root, where README.md and docs/ live (the connector runs from its source). */
const ROOT = PROJECT_ROOT;
const DOC_NAME = /^(README|[a-z0-9-]{1,64})\.md$/;

export const welcomePlugin: FastifyPluginAsync = async (app) => {
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(welcomePage()));

  // Markdown as text: enough to read, nothing to render or sanitise.
  app.get('/sandbox/docs/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!DOC_NAME.test(name)) return reply.code(404).send({ statusCode: 404, message: 'no such document' });
    const file = name === 'README.md' ? new URL('README.md', ROOT) : new URL(`docs/${name}`, ROOT);
    try {
      return reply.type('text/markdown; charset=utf-8').send(await readFile(file, 'utf8'));
    } catch {
      return reply.code(404).send({ statusCode: 404, message: `no document ${name}` });
    }
  });
};

function welcomePage(): string {
  const referralLinks = DEMO_ADVOCATES.flatMap((advocate) =>
    ['us', 'eu'].map(
      (store) =>
        `<li><a href="/sandbox/friendbuy/r/${advocate.referralCode}?store=${store}">${advocate.referralCode}</a> (store ${store})</li>`,
    ),
  ).join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>ct-friendbuy sandbox</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem 4rem; }
    code { background: #f4f4f4; padding: 0 .2rem; } h2 { margin-top: 1.5rem; }
  </style>
</head>
<body>
  <h1>ct-friendbuy <small>(sandbox)</small></h1>
  <p>commercetools and Friendbuy are emulated in this process; nothing leaves the machine.</p>

  <h2>Shop as a referred friend</h2>
  <ul>
    <li><a href="/sandbox/store?store=us">Demo shop</a> (store us) · <a href="/sandbox/store?store=eu">store eu</a></li>
  </ul>
  <p>Referral links of the demo advocates (an order through one earns the advocate a reward):</p>
  <ul>
      ${referralLinks}
  </ul>

  <h2>What the emulated services received</h2>
  <ul>
    <li><a href="/sandbox/friendbuy/requests">Friendbuy Merchant API requests</a> (purchases, custom events, sign-ups…)</li>
    <li><a href="/sandbox/friendbuy/webhooks">Friendbuy webhooks sent to the connector</a> (rewards)</li>
    <li><a href="/sandbox/friendbuy/sdk/events">What the emulated friendbuy.js was told</a></li>
    <li><a href="/sandbox/clock">The sandbox clock</a> · <a href="/health">health</a></li>
  </ul>

  <h2>Operate</h2>
  <p><a href="/console"><strong>Open the operator console</strong></a>: the review queue, customers' referral
    stories, the dashboard and on-call tools, with a one-click demo sign-in per role.</p>
  <p>For automation, the admin API takes <code>Authorization: Bearer $CONNECTOR_ADMIN_TOKEN</code> (<code>sandbox-admin-token</code>
    here): the review queue at <code>/admin/api/reviews</code>, an order's timeline at
    <code>/admin/api/orders/&lt;id&gt;/timeline</code>, an advocate's funnel at
    <code>/admin/api/advocates/&lt;id&gt;/funnel</code>. From a terminal:
    <code>npx ct-friendbuy sandbox order</code>, <code>npx ct-friendbuy sandbox shared-device</code>,
    <code>npx ct-friendbuy analytics pull</code>, <code>npx ct-friendbuy ledger verify</code>.</p>

  <h2>Docs</h2>
  <ul>
    <li><a href="/sandbox/docs/README.md">README</a></li>
    <li><a href="/sandbox/docs/sandbox.md">The sandbox</a></li>
  </ul>
</body>
</html>
`;
}
