// Console sign-in through an identity provider, end to end: a real OpenID Connect provider (oidc-provider, with
// its development login and consent pages) runs in the test, and a small cookie-keeping browser goes from the
// console's "Sign in with …" through the provider's login and consent back to a signed-in console session.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';

const CLIENT = { id: 'ct-friendbuy-console', secret: 'a-console-client-secret-for-tests' };
const ACCOUNTS: Record<string, { name: string; email: string; roles: string[] }> = {
  fran: { name: 'Fran Fraud', email: 'fran@shop.example', roles: ['staff', 'ct-fraud'] },
  otto: { name: 'Otto Outsider', email: 'otto@shop.example', roles: ['staff'] },
};

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Enough of a browser: cookies per origin, redirects followed, the provider's forms submitted. */
function browser() {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (url: URL) => jar.get(url.host) ?? jar.set(url.host, new Map()).get(url.host)!;
  async function request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const cookies = cookiesFor(target);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }
  /** Follows redirects, filling the provider's login (as `login`) and consent forms, until another answer. */
  async function navigate(start: string, login: string) {
    let response = await request(start);
    let url = start;
    for (let step = 0; step < 20; step++) {
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).href;
        response = await request(url);
        continue;
      }
      const html = response.headers.get('content-type')?.includes('html') ? await response.text() : '';
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt || !new URL(url).pathname.startsWith('/interaction/'))
        return { response, url, html };
      url = new URL(action.replaceAll('&#x2F;', '/'), url).href;
      response = await request(url, { method: 'POST', form: { prompt, login, password: 'any' } });
    }
    throw new Error('too many steps');
  }
  return { request, navigate, cookie: (host: string, name: string) => jar.get(host)?.get(name) };
}

describe('console sign-in through an OpenID Connect provider', () => {
  let idp: Server;
  let connector: TestConnector;

  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const port = await freePort();
    const consoleUrl = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${consoleUrl}/admin/api/session/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], profile: ['name'], email: ['email'], roles: ['roles'] },
      cookies: { keys: ['a-cookie-signing-key-for-tests'] },
      findAccount: (_ctx, id) => {
        const account = ACCOUNTS[id];
        return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
      },
    });
    idp.on('request', provider.callback());
    connector = await startTestConnector({
      PORT: String(port),
      OUTBOX_WORKERS: 'false',
      CONSOLE_PUBLIC_URL: consoleUrl,
      CONSOLE_OIDC_ISSUER: issuer,
      CONSOLE_OIDC_CLIENT_ID: CLIENT.id,
      CONSOLE_OIDC_CLIENT_SECRET: CLIENT.secret,
      CONSOLE_OIDC_SCOPES: 'openid profile email roles',
      CONSOLE_OIDC_ROLE_MAP: 'ct-fraud=reviewer,ct-cs=agent,ct-ops=admin',
      CONSOLE_OIDC_LABEL: 'Shop SSO',
    });
  }, 60_000);
  afterAll(async () => {
    await connector?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  it('offers the provider, and signs a mapped person in with the role their group maps to', async () => {
    const methods = await (await fetch(`${connector.url}/admin/api/session/methods`)).json();
    expect(methods).toMatchObject({ oidc: { label: 'Shop SSO', startUrl: '/admin/api/session/oidc/start' } });

    const web = browser();
    const host = new URL(connector.url).host;
    const { response, url } = await web.navigate(
      `${connector.url}/admin/api/session/oidc/start?returnTo=${encodeURIComponent('/console/reviews?status=open')}`,
      'fran',
    );
    // The callback answered with the session cookie and a redirect back where the person started.
    expect(new URL(url).pathname).toBe('/console/reviews');
    expect(new URL(url).search).toBe('?status=open');
    // …where the console's page answers, signed in.
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const session = await (await web.request(`${connector.url}/admin/api/session`)).json();
    expect(session).toMatchObject({
      operator: { id: 'oidc:fran', name: 'Fran Fraud', role: 'reviewer', via: 'session' },
      permissions: ['read', 'see-personal-data', 'decide-reviews'],
      csrfToken: expect.any(String),
    });
    expect(web.cookie(host, 'ctfb_console_oidc')).toBeUndefined();
    const trail = (await (
      await web.request(`${connector.url}/admin/api/audit?operator=oidc:fran`)
    ).json()) as {
      entries: unknown[];
    };
    expect(trail.entries[0]).toMatchObject({ action: 'signed-in', details: { method: 'oidc' } });
  });

  it('refuses a person whose groups map to no console role, with a page that says why', async () => {
    const web = browser();
    const { response, html: page } = await web.navigate(
      `${connector.url}/admin/api/session/oidc/start`,
      'otto',
    );
    expect(response.status).toBe(403);
    expect(page).toContain('none of your groups gives you a role in the console');
    expect(page).toContain('Otto Outsider');
    expect(web.cookie(new URL(connector.url).host, 'ctfb_console')).toBeUndefined();
  });

  it('completes a sign-in only in the browser that started it, once', async () => {
    const starter = browser();
    const started = await starter.request(`${connector.url}/admin/api/session/oidc/start`);
    expect(started.status).toBe(302);
    // Another browser finishing the flow (a forwarded callback link) gets no session.
    const {
      response: elsewhere,
      url,
      html,
    } = await browser().navigate(started.headers.get('location')!, 'fran');
    expect(new URL(url).pathname).toBe('/admin/api/session/oidc/callback');
    expect(elsewhere.status).toBe(400);
    expect(html).toContain('this browser did not start a sign-in');
    // The starting browser completes it (the provider's code was never redeemed), once and not again.
    const flowCookie = starter.cookie(new URL(connector.url).host, 'ctfb_console_oidc');
    const first = await starter.request(url);
    expect(first.status).toBe(302);
    expect(first.headers.getSetCookie().join()).toMatch(/ctfb_console=[^;]+/);
    // The same callback with the same flow cookie again (a replay) is refused: the flow was taken.
    const replay = await fetch(url, {
      headers: { cookie: `ctfb_console_oidc=${flowCookie}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was already used');
  });

  it('never redirects to another site after sign-in', async () => {
    const web = browser();
    const { url } = await web.navigate(
      `${connector.url}/admin/api/session/oidc/start?returnTo=${encodeURIComponent('//evil.example/steal')}`,
      'fran',
    );
    expect(url).toBe(`${connector.url}/console`);
  });
});

describe('console sign-in when the identity provider does not answer', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    const closed = await freePort();
    connector = await startTestConnector({
      OUTBOX_WORKERS: 'false',
      CONSOLE_PUBLIC_URL: 'http://127.0.0.1:1',
      CONSOLE_OIDC_ISSUER: `http://127.0.0.1:${closed}`,
      CONSOLE_OIDC_CLIENT_ID: CLIENT.id,
      CONSOLE_OIDC_CLIENT_SECRET: CLIENT.secret,
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('says so with 502 and sets no cookie', async () => {
    const start = await fetch(`${connector.url}/admin/api/session/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(502);
    expect(await start.json()).toMatchObject({ code: 'IdentityProviderUnavailable' });
    expect(start.headers.getSetCookie()).toEqual([]);
  });
});
