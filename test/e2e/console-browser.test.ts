// The operator console in real headless Chromium, in the sandbox: a fraud reviewer signs in with the demo button,
// finds the case the shared-device scenario held, reads its signals in words, approves it and watches the
// order's eligibility move; a customer-service agent finds a friend by email and sees their reward's state; a
// viewer sees the case without an Approve button and the API refuses the approval; the dashboard draws charts.
// The agent also issues the friend's coupon again, and the audit trail shows it with the reason.
// Each step saves a screenshot (CONSOLE_SCREENSHOTS, else a folder under the system's temp dir) to look at.
// Skips only where /usr/bin/chromium is missing AND CI is not set (.ci/run installs Debian's chromium).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../src/flows/operator-audit.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { findOrderEligibility } from '../../src/store/order-eligibility.js';
import { listJobs } from '../../src/store/outbox.js';
import { startConnectorWithCampaigns } from '../helpers/campaigns.js';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { eventually, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId, updateOrder } from '../helpers/deliveries.js';
import { settleOutbox } from '../helpers/outbox.js';
import { runSharedDeviceDemo } from '../helpers/shared-device.js';

const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) console.warn(`skipping the browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS || join(tmpdir(), 'ct-friendbuy-console-screenshots');

// The sandbox's example rules (the shared-device demo holds its third friend for review), with no return
// window on the US campaign: once the review is approved, nothing else keeps the order pending.
const rules = JSON.parse(readFileSync('examples/sandbox-rules.json', 'utf8')) as {
  campaigns: { id: string; policy: Record<string, unknown> }[];
};
const campaigns = {
  campaigns: rules.campaigns.map((campaign) =>
    campaign.id === 'sandbox-us-referral'
      ? { ...campaign, policy: { ...campaign.policy, returnWindow: { days: 0, from: 'order' } } }
      : campaign,
  ),
};

describe.skipIf(!available)('the operator console in a real browser', () => {
  let connector: TestConnector;
  let browser: Browser;
  /** What `sandbox shared-device` created: the held case, its order, and the friends' emails. */
  const demo = { reviewId: 0, orderId: '', friendEmails: [] as string[] };
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    connector = await startConnectorWithCampaigns(campaigns);
    const output = await runSharedDeviceDemo(connector);
    demo.reviewId = Number(/review (\d+) is open/.exec(output)?.[1]);
    demo.friendEmails = [
      ...output.matchAll(/friend \d \((\S+@example\.com)\) ordered with code \S+: (\S+)/g),
    ].map((match) => match[1]!);
    demo.orderId = [...output.matchAll(/ordered with code \S+: (\S+)/g)].at(-1)![1]!;
    expect(demo.reviewId).toBeGreaterThan(0);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await connector?.close();
  });

  /** A fresh browser (its own cookies) on a laptop-sized screen, signed in with the sandbox's demo button. */
  async function signInAs(buttonName: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        problems.push(`CSP: ${message.text()}`);
    });
    await page.goto(`${connector.url}/console`);
    await page.getByRole('button', { name: buttonName }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    return page;
  }

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('shows the sign-in page with a demo button per role, under a strict content policy', async () => {
    const response = await fetch(`${connector.url}/console/reviews`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(await response.text()).not.toMatch(/<script>/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${connector.url}/console`);
    for (const role of ['fraud reviewer', 'customer service', 'viewer', 'admin'])
      await page.getByRole('button', { name: `Sign in as ${role}` }).waitFor();
    // Keyboard first: the first Tab lands on a sign-in button.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toMatch(/^Sign in as/);
    await shoot(page, '01-sign-in');
    await page.close();
  });

  // Before the reviewer decides the case: the viewer meets it open.
  it('shows a viewer the case without an Approve button, and the API refuses the viewer’s approval', async () => {
    const page = await signInAs('Sign in as viewer');
    await page.goto(`${connector.url}/console/reviews/${demo.reviewId}`);
    await page.getByRole('heading', { name: `Case ${demo.reviewId}` }).waitFor();
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Reject/ }).count()).toBe(0);
    await page.getByText('A reviewer decides it').waitFor();
    // The browser's own session (cookie and CSRF token) asking anyway.
    const refused = await page.evaluate(async (id) => {
      const session = (await (await fetch('/admin/api/session')).json()) as { csrfToken: string };
      const response = await fetch(`/admin/api/reviews/${id}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ reason: 'a viewer trying' }),
      });
      return { status: response.status, body: (await response.json()) as { code?: string } };
    }, demo.reviewId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('Forbidden');
    await shoot(page, '07-viewer-case');
    // Signing out ends the session: the console is back at its sign-in page, and the API no longer answers.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as viewer' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/admin/api/session')).status)).toBe(401);
    await page.context().close();
  }, 60_000);

  it('lets a reviewer find the shared-device case, read why it was held, approve it, and see the order become eligible', async () => {
    const page = await signInAs('Sign in as fraud reviewer');
    await page.getByRole('link', { name: 'Review queue', exact: true }).click();
    // Filter by the signal that held the case, as the scenario suggests.
    await page.getByLabel('Signal').click();
    await page.keyboard.type('Repeated accounts');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('signal')).toBe('repeatedAccounts');
    const caseLink = page.getByRole('link', { name: `Case ${demo.reviewId}`, exact: true });
    await caseLink.waitFor();
    await shoot(page, '02-review-queue');

    await caseLink.click();
    await page.getByRole('heading', { name: `Case ${demo.reviewId}` }).waitFor();
    const signals = page.getByRole('list', { name: 'Signals' });
    await signals.getByText('Repeated accounts on one device').waitFor();
    // The evidence in words, not the fallback for a signal the server did not explain.
    const explained = (await signals.locator('li').first().textContent()) ?? '';
    expect(explained).not.toContain('recorded no explanation');
    expect(
      explained.replace(/Repeated accounts on one device|holds for review · weight \d+/g, '').trim().length,
    ).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('eligibility').textContent()).toContain('Pending');
    await shoot(page, '03-case-open');

    await page.getByLabel('Reason (kept in the audit trail)').fill('Checked: three different households');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Approved', { exact: true }).first().waitFor();
    // The approval queues the order's evaluation; the case page shows its outcome once it ran.
    await eventually(
      async () => (await findOrderEligibility(connector.db, demo.orderId))?.status === 'eligible',
      20_000,
      'the approved order to become eligible',
    );
    await page.reload();
    await expect
      .poll(() => page.getByTestId('eligibility').textContent(), { timeout: 10_000 })
      .toContain('Eligible');
    await page
      .getByRole('list', { name: 'Decisions' })
      .getByText(/Checked: three different households/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Approve', exact: true }).count()).resolves.toBe(0);
    await shoot(page, '04-case-approved');
    await page.context().close();
  }, 60_000);

  it('lets a customer-service agent find a friend by email, see their reward’s state and reissue their coupon', async () => {
    const page = await signInAs('Sign in as customer service');
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    const email = demo.friendEmails[0]!;
    await page.getByLabel(/^Email, customer id/).fill(email);
    await page.getByRole('button', { name: 'Search' }).click();
    const result = page.getByRole('list', { name: 'Search results' }).getByRole('link').first();
    await result.waitFor();
    await shoot(page, '05-search');
    await result.click();
    // An agent may see personal data: the full email, not a masked one.
    await page.getByRole('heading', { level: 1, name: email }).waitFor();
    // The friend's order and what it earned: the reward Friendbuy granted for it, in words.
    const orders = page.getByRole('list', { name: 'Orders' });
    await orders
      .getByText(/^Order /)
      .first()
      .waitFor();
    await eventually(
      async () => {
        await page.reload();
        return orders
          .getByTestId('referral-reward-state')
          .first()
          .waitFor({ timeout: 2_000 })
          .then(
            () => true,
            () => false,
          );
      },
      30_000,
      "the reward for the friend's order",
    );
    expect((await orders.getByTestId('referral-reward-state').first().textContent())?.trim()).toBeTruthy();
    // The friend lost their coupon: the agent issues it again, with a reason the audit trail keeps.
    await page.getByRole('button', { name: 'Reissue coupon' }).first().click();
    await page.getByLabel('Why reissue the coupon?').fill('The customer lost the email');
    await page.getByRole('button', { name: 'Reissue coupon now' }).click();
    await page.getByText(/^Coupon issued again: /).waitFor();
    await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
    await page.getByRole('row', { name: /Coupon reissued.*The customer lost the email/ }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: email }).waitFor();
    // The person's data lived on the page only: nothing kept in the browser's storage.
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    await shoot(page, '06-person');
    await page.context().close();
  }, 60_000);

  it('draws the dashboard’s charts from the program’s activity', async () => {
    const page = await signInAs('Sign in as admin');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    // Attached, not visible: a series that stayed at zero is a flat line, which has no height to be seen.
    await page
      .getByTestId('chart-funnel')
      .locator('.recharts-line-curve')
      .first()
      .waitFor({ state: 'attached', timeout: 15_000 });
    const totals = page.getByRole('region', { name: 'Totals' });
    const referred = await totals.getByTestId('tile-referred-orders').textContent();
    expect(
      Number(/Referred orders([\d,]+)/.exec(referred ?? '')?.[1]?.replace(/,/g, '')),
    ).toBeGreaterThanOrEqual(3);
    // Lines with points that are not all zero: the funnel has a rise somewhere.
    const paths = await page
      .getByTestId('chart-funnel')
      .locator('.recharts-line-curve')
      .evaluateAll((lines) => lines.map((line) => line.getAttribute('d') ?? ''));
    expect(paths.some((d) => new Set(d.match(/,[\d.]+/g)).size > 1)).toBe(true);
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toMatch(
      /^\/admin\/api\/dashboard\.csv\?/,
    );
    await shoot(page, '08-dashboard');
    // The admin's operators page lists who signed in, with how.
    await page.getByRole('link', { name: 'Operators', exact: true }).click();
    await page.getByRole('row', { name: /Demo admin.*Sandbox demo/ }).waitFor();
    await page.getByRole('row', { name: /Demo agent.*Sandbox demo/ }).waitFor();
    await page.context().close();
  }, 60_000);

  it('shows the engineer on call an effect Friendbuy refused, with its answer, and retries it from the page', async () => {
    // An address that passes the connector's shape check but that Friendbuy refuses: the purchase report is
    // dead-lettered at once (retrying cannot help) until the merchant corrects the order.
    const order = await placeDemoOrder(connector.api, { email: `jane..doe-${randomUUID()}@example.com` });
    await connector.sandbox.commercetools.bridge.idle();
    await settleOutbox(connector);
    const purchaseJob = async () =>
      (await listJobs(connector.db, { kind: 'friendbuy.purchase', limit: 1000 })).find(
        (job) => job.payload.orderId === order.id,
      );
    const dead = await purchaseJob();
    expect(dead).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/answered 400/) });
    await updateOrder(connector.api, order, [{ action: 'setCustomerEmail', email: 'jane.doe@example.com' }]);
    await connector.sandbox.commercetools.bridge.idle();

    const page = await signInAs('Sign in as customer service');
    await page.getByRole('link', { name: 'On call', exact: true }).click();
    await page
      .getByText(/POST \/v1\/event\/purchase answered 400/)
      .first()
      .waitFor();
    await shoot(page, '09-on-call');
    await page.getByRole('button', { name: `Retry effect ${dead!.id}` }).click();
    await page.getByText('1 effect(s) back in the outbox.').waitFor();
    await eventually(async () => (await purchaseJob())?.status === 'done', 20_000, 'the retried report');
    const reports = connector.sandbox.friendbuy
      .requests()
      .filter(
        (call) =>
          call.path === '/v1/event/purchase' &&
          (call.body as { orderId?: string }).orderId === friendbuyOrderId(order),
      );
    expect(reports.map((call) => call.status)).toEqual([400, 201]);
    // The retry is on the agent's audit trail.
    const { entries } = await readAuditTrail(connector.db, { operatorId: 'sandbox:agent', limit: 20 });
    expect(entries.map((entry) => entry.action)).toContain('outbox.retried');
    await page.reload();
    await page.getByText('No dead letters').waitFor();
    await page.context().close();
  }, 60_000);

  it('raised no page errors and no content-policy violations', () => {
    expect(problems).toEqual([]);
    console.info(`console screenshots: ${SCREENSHOTS}`);
  });
});
