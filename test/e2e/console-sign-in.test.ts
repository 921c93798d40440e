// The operator console's sign-in against the real connector: demo roles in the sandbox, password sign-in from a
// local operators file, cookies, CSRF, roles, session expiry and revocation, the rate limit, and the audit trail.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { hashPassword } from '../../src/domain/password-hash.js';
import { newJob } from '../../src/flows/job.js';
import { JOB } from '../../src/flows/job-kinds.js';
import { enqueue } from '../../src/store/outbox.js';
import { openReview } from '../../src/store/reviews.js';
import { startLiveConnector, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { consoleFetch, sessionCookieOf, signInAs } from '../helpers/console.js';
import { routesOf } from '../helpers/routes.js';

const token = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
const PASSWORD = 'correct horse battery staple';
// biome-ignore lint/suspicious/noExplicitAny: answers are checked by the assertions that read them
const json = (response: Response): Promise<any> => response.json();

describe('console sign-in', () => {
  let connector: TestConnector;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctfb-operators-'));
    const file = join(dir, 'operators.yaml');
    writeFileSync(
      file,
      `- email: Fraud.Lead@Shop.example\n  name: Fran Lead\n  role: reviewer\n  passwordHash: "${await hashPassword(PASSWORD)}"\n`,
    );
    connector = await startTestConnector({
      OUTBOX_WORKERS: 'false',
      CONSOLE_OPERATORS_FILE: file,
      CONSOLE_SIGN_IN_RATE_LIMIT: '4',
      CONSOLE_SESSION_IDLE: '1h',
      CONSOLE_SESSION_TTL: '3h',
      CONNECTOR_TRUST_PROXY: 'true',
    });
    url = connector.url;
  });
  afterAll(async () => {
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const openCase = (orderId: string) =>
    openReview(connector.db, {
      orderId,
      campaignId: 'sandbox-us-referral',
      advocateKey: 'customer:advocate-1',
      friendAccount: 'friend-1',
      score: 60,
      signals: [{ signal: 'sameDevice', action: 'hold', weight: 60, evidence: {} }],
      openedAt: connector.clock.now(),
    });
  const deadJob = async (key: string) => {
    const now = connector.clock.now();
    await enqueue(connector.db, newJob(JOB.backfill, { dedupKey: key, payload: { runId: key } }), now);
    const { rows } = await connector.db.query<{ id: string }>(
      `UPDATE outbox SET status = 'dead' WHERE dedup_key = $1 RETURNING id`,
      [key],
    );
    return Number(rows[0]!.id);
  };
  const jobStatus = async (id: number) =>
    (await connector.db.query<{ status: string }>('SELECT status FROM outbox WHERE id = $1', [id])).rows[0]
      ?.status;

  it('offers the demo roles and the password form, and no identity provider when none is configured', async () => {
    const methods = await json(await fetch(`${url}/admin/api/session/methods`));
    expect(methods).toEqual({
      sandbox: { roles: ['viewer', 'agent', 'reviewer', 'admin'] },
      oidc: null,
      password: true,
    });
  });

  it('signs in a demo role with an HttpOnly, SameSite=Lax cookie, Secure behind HTTPS', async () => {
    expect((await fetch(`${url}/admin/api/session`)).status).toBe(401);
    const viewer = await signInAs(url, 'viewer');
    expect(viewer.setCookie).toMatch(/HttpOnly/i);
    expect(viewer.setCookie).toMatch(/SameSite=Lax/i);
    expect(viewer.setCookie).toMatch(/Path=\//);
    expect(viewer.setCookie).not.toMatch(/Secure/i);
    const session = await json(await consoleFetch(url, viewer, '/admin/api/session'));
    expect(session).toEqual({
      operator: { id: 'sandbox:viewer', name: 'Demo viewer', role: 'viewer', via: 'session' },
      permissions: ['read'],
      csrfToken: viewer.csrfToken,
      expiresAt: expect.any(String),
    });
    const behindTls = await post(
      '/admin/api/session/sandbox',
      { role: 'agent' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(sessionCookieOf(behindTls).setCookie).toMatch(/; Secure/i);
    // The token never reaches the store: only its hash does.
    const stored = await connector.db.query<{ hash: string }>(
      `SELECT encode(token_hash, 'hex') AS hash FROM console_sessions`,
    );
    const cookieToken = viewer.cookie.split('=')[1]!;
    expect(JSON.stringify(stored.rows)).not.toContain(Buffer.from(cookieToken, 'base64url').toString('hex'));
    expect(stored.rows.length).toBeGreaterThan(0);
  });

  it('refuses a state change without a session, without the CSRF token or with a wrong one, and changes nothing', async () => {
    const job = await deadJob('csrf-check');
    const admin = await signInAs(url, 'admin');
    const noSession = await post('/admin/api/outbox/retry', { ids: [job] });
    expect(noSession.status).toBe(401);
    const noCsrf = await consoleFetch(url, admin, '/admin/api/outbox/retry', {
      method: 'POST',
      body: { ids: [job] },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'CsrfRejected' });
    const wrongCsrf = await consoleFetch(url, admin, '/admin/api/outbox/retry', {
      method: 'POST',
      body: { ids: [job] },
      csrf: `${admin.csrfToken.slice(0, -2)}xx`,
    });
    expect(wrongCsrf.status).toBe(403);
    // Another session's CSRF token is no better.
    const other = await signInAs(url, 'admin');
    const crossed = await consoleFetch(
      url,
      { cookie: admin.cookie, csrfToken: other.csrfToken },
      '/admin/api/outbox/retry',
      {
        method: 'POST',
        body: { ids: [job] },
      },
    );
    expect(crossed.status).toBe(403);
    expect(await jobStatus(job)).toBe('dead');

    const retried = await consoleFetch(url, admin, '/admin/api/outbox/retry', {
      method: 'POST',
      body: { ids: [job] },
    });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ retried: 1 });
    expect(await jobStatus(job)).toBe('pending');
    const audit = await json(await consoleFetch(url, admin, `/admin/api/audit?subject=outbox:${job}`));
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'outbox.retried',
        operator: { id: 'sandbox:admin', name: 'Demo admin', role: 'admin', via: 'session' },
        subject: `outbox:${job}`,
        details: { retried: 1, ids: [job] },
      }),
    ]);
  });

  it("refuses what a role may not do, saying so, and records a reviewer's decision as theirs with the reason", async () => {
    const review = (await openCase('console-order-1'))!;
    const viewer = await signInAs(url, 'viewer');
    const refused = await consoleFetch(url, viewer, `/admin/api/reviews/${review.id}/approve`, {
      method: 'POST',
      body: { reason: 'looks fine' },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'Forbidden',
      message: 'a viewer cannot decide review cases',
    });
    const agent = await signInAs(url, 'agent');
    const agentRefused = await consoleFetch(url, agent, `/admin/api/reviews/${review.id}/approve`, {
      method: 'POST',
      body: {},
    });
    expect(agentRefused.status).toBe(403);
    expect((await consoleFetch(url, viewer, `/admin/api/reviews/${review.id}`)).status).toBe(200);

    const reviewer = await signInAs(url, 'reviewer');
    const approved = await consoleFetch(url, reviewer, `/admin/api/reviews/${review.id}/approve`, {
      method: 'POST',
      body: { reason: 'known household' },
    });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      outcome: 'decided',
      review: { status: 'approved', decidedBy: 'Demo reviewer', reason: 'known household' },
    });
    const audit = await json(await consoleFetch(url, viewer, `/admin/api/audit?subject=review:${review.id}`));
    expect(audit).toEqual({
      entries: [
        expect.objectContaining({
          action: 'review.approved',
          operator: { id: 'sandbox:reviewer', name: 'Demo reviewer', role: 'reviewer', via: 'session' },
          reason: 'known household',
          details: { orderId: 'console-order-1' },
          correlationId: approved.headers.get('x-correlation-id'),
        }),
      ],
      next: null,
    });
  });

  it('keeps the admin API token working for automation, naming the person it decides for', async () => {
    const review = (await openCase('console-order-2'))!;
    const decided = await post(
      `/admin/api/reviews/${review.id}/reject`,
      { operator: 'ops@shop.example', reason: 'same card' },
      token,
    );
    expect(decided.status).toBe(200);
    const session = await json(await fetch(`${url}/admin/api/session`, { headers: token }));
    expect(session).toMatchObject({
      operator: { id: 'token', via: 'token' },
      csrfToken: null,
      expiresAt: null,
    });
    const audit = await json(
      await fetch(`${url}/admin/api/audit?subject=review:${review.id}`, { headers: token }),
    );
    expect(audit.entries[0]).toMatchObject({
      action: 'review.rejected',
      operator: { id: 'token', via: 'token' },
      reason: 'same card',
      details: { decidedAs: 'ops@shop.example' },
    });
    expect((await fetch(`${url}/admin/api/outbox`, { headers: token })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: token })).status).toBe(200);
    expect(
      (await fetch(`${url}/admin/api/outbox`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
  });

  it('ends a session after the idle time and at its absolute end', async () => {
    const idle = await signInAs(url, 'viewer');
    const busy = await signInAs(url, 'viewer');
    for (let i = 0; i < 2; i++) {
      connector.sandbox.clock.advance(50 * 60_000);
      expect((await consoleFetch(url, busy, '/admin/api/session')).status).toBe(200);
    }
    expect((await consoleFetch(url, idle, '/admin/api/session')).status).toBe(401);
    connector.sandbox.clock.advance(50 * 60_000);
    expect((await consoleFetch(url, busy, '/admin/api/session')).status).toBe(200);
    connector.sandbox.clock.advance(40 * 60_000);
    // Seen 40 minutes ago, but signed in 3 h 10 min ago: past CONSOLE_SESSION_TTL.
    expect((await consoleFetch(url, busy, '/admin/api/session')).status).toBe(401);
  });

  it('signs out: the cookie is cleared, the session ends, and both ends are on the trail', async () => {
    const agent = await signInAs(url, 'agent');
    const noCsrf = await consoleFetch(url, agent, '/admin/api/session/sign-out', {
      method: 'POST',
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
    const out = await consoleFetch(url, agent, '/admin/api/session/sign-out', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/ctfb_console=;.*Expires=Thu, 01 Jan 1970/);
    expect((await consoleFetch(url, agent, '/admin/api/session')).status).toBe(401);
    const trail = await json(
      await fetch(`${url}/admin/api/audit?operator=sandbox:agent&limit=2`, { headers: token }),
    );
    expect(trail.entries.map((entry: { action: string }) => entry.action)).toEqual([
      'signed-out',
      'signed-in',
    ]);
  });

  it('signs in with a password from the operators file, and answers a wrong email like a wrong password', async () => {
    const ok = await post('/admin/api/session/password', {
      email: 'fraud.lead@shop.example',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      operator: { id: 'local:fraud.lead@shop.example', name: 'Fran Lead', role: 'reviewer', via: 'session' },
      permissions: ['read', 'see-personal-data', 'decide-reviews'],
    });
    expect(sessionCookieOf(ok).cookie).toMatch(/^ctfb_console=/);
    const wrongPassword = await post(
      '/admin/api/session/password',
      { email: 'fraud.lead@shop.example', password: 'nope' },
      { 'x-forwarded-for': '10.0.0.2' },
    );
    const unknownEmail = await post(
      '/admin/api/session/password',
      { email: 'nobody@shop.example', password: PASSWORD },
      { 'x-forwarded-for': '10.0.0.2' },
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const [a, b] = [await json(wrongPassword), await json(unknownEmail)];
    expect(a.message).toBe(b.message);
    const form = await fetch(`${url}/admin/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.0.0.3' },
      body: `email=fraud.lead%40shop.example&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(415);
    expect(form.headers.getSetCookie()).toEqual([]);
  });

  it('limits sign-in attempts per client and per email', async () => {
    const attempt = (ip: string, email: string) =>
      post('/admin/api/session/password', { email, password: 'guess' }, { 'x-forwarded-for': ip });
    const fromOneIp = [];
    for (let i = 0; i < 5; i++) fromOneIp.push((await attempt('10.1.0.1', `user${i}@shop.example`)).status);
    expect(fromOneIp).toEqual([401, 401, 401, 401, 429]);
    const oneEmail = [];
    for (let i = 0; i < 5; i++) oneEmail.push((await attempt(`10.2.0.${i}`, 'target@shop.example')).status);
    expect(oneEmail).toEqual([401, 401, 401, 401, 429]);
    expect((await attempt('10.3.0.1', 'someone@shop.example')).status).toBe(401);
  });

  it('lists operators for an admin and signs one out everywhere', async () => {
    const viewer = await signInAs(url, 'viewer');
    const admin = await signInAs(url, 'admin');
    expect((await consoleFetch(url, viewer, '/admin/api/operators')).status).toBe(403);
    const { operators } = await json(await consoleFetch(url, admin, '/admin/api/operators'));
    expect(operators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'sandbox:viewer',
          source: 'sandbox',
          role: 'viewer',
          activeSessions: expect.any(Number),
        }),
        expect.objectContaining({ id: 'local:fraud.lead@shop.example', source: 'local', role: 'reviewer' }),
      ]),
    );
    const viewerRow = operators.find((o: { id: string }) => o.id === 'sandbox:viewer');
    expect(viewerRow.activeSessions).toBeGreaterThanOrEqual(1);
    const revoked = await consoleFetch(
      url,
      admin,
      `/admin/api/operators/${encodeURIComponent('sandbox:viewer')}/sessions`,
      {
        method: 'DELETE',
      },
    );
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({
      operatorId: 'sandbox:viewer',
      sessionsEnded: viewerRow.activeSessions,
    });
    expect((await consoleFetch(url, viewer, '/admin/api/session')).status).toBe(401);
    const trail = await json(
      await consoleFetch(url, admin, '/admin/api/audit?subject=operator:sandbox:viewer'),
    );
    expect(trail.entries[0]).toMatchObject({ action: 'sessions.revoked', operator: { id: 'sandbox:admin' } });
  });

  it('guards every admin route: nothing without a session or the token, nothing a viewer may not change', async () => {
    const routes = routesOf(connector.app).filter(
      (route) =>
        route.url.startsWith('/admin/api/') &&
        !route.url.startsWith('/admin/api/session') &&
        route.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(25);
    const path = (url: string) => url.replace(/:[^/]+/g, 'x');
    const anonymous = [];
    for (const route of routes)
      anonymous.push(
        `${route.method} ${route.url} ${(await fetch(`${url}${path(route.url)}`, { method: route.method })).status}`,
      );
    expect(anonymous.filter((line) => !line.endsWith(' 401'))).toEqual([]);
    const viewer = await signInAs(url, 'viewer');
    const changes = [];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const answer = await consoleFetch(url, viewer, path(route.url), { method: route.method, body: {} });
      changes.push(`${route.method} ${route.url} ${answer.status} ${(await json(answer)).code}`);
    }
    expect(changes.filter((line) => !line.endsWith(' 403 Forbidden'))).toEqual([]);
  });

  it('has no demo sign-in in live mode', async () => {
    const live = await startLiveConnector(connector, connector.store, { OUTBOX_WORKERS: 'false' });
    try {
      const methods = await json(await fetch(`${live.url}/admin/api/session/methods`));
      expect(methods).toEqual({ sandbox: null, oidc: null, password: false });
      const demo = await fetch(`${live.url}/admin/api/session/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'admin' }),
      });
      expect(demo.status).toBe(404);
      expect(demo.headers.getSetCookie()).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it("records an admin's operations on their trail: a code batch and a backfill", async () => {
    const admin = await signInAs(url, 'admin');
    const reviewer = await signInAs(url, 'reviewer');
    const body = { campaignId: 'sandbox-us-referral', count: 3 };
    const refused = await consoleFetch(url, reviewer, '/admin/api/code-batches', { method: 'POST', body });
    expect(await json(refused)).toMatchObject({
      code: 'Forbidden',
      message:
        'a reviewer cannot run backfills, reconciliations, code batches, analytics pulls or privacy requests',
    });
    const started = await consoleFetch(url, admin, '/admin/api/code-batches', { method: 'POST', body });
    expect(started.status).toBe(202);
    const { batch } = await json(started);
    const backfill = await consoleFetch(url, admin, '/admin/api/backfills', {
      method: 'POST',
      body: { since: '1d', dryRun: true },
    });
    expect(backfill.status).toBe(202);
    const { entries } = await json(
      await consoleFetch(url, admin, '/admin/api/audit?operator=sandbox:admin&limit=2'),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'backfill.started',
        subject: `backfill:${(await json(backfill)).id}`,
        details: expect.objectContaining({ dryRun: true }),
      }),
      expect.objectContaining({
        action: 'code-batch.started',
        subject: `code-batch:${batch.id}`,
        details: { campaignId: 'sandbox-us-referral', count: 3, channel: 'friendIncentive' },
      }),
    ]);
  });

  it('signs the previous person out when someone else signs in on the same browser', async () => {
    const viewer = await signInAs(url, 'viewer');
    const switched = await fetch(`${url}/admin/api/session/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: viewer.cookie },
      body: JSON.stringify({ role: 'agent' }),
    });
    expect(switched.status).toBe(200);
    expect((await consoleFetch(url, viewer, '/admin/api/session')).status).toBe(401);
    const agent = { cookie: sessionCookieOf(switched).cookie, csrfToken: (await json(switched)).csrfToken };
    expect((await json(await consoleFetch(url, agent, '/admin/api/session'))).operator.role).toBe('agent');
  });
});
