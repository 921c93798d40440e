// Sandbox routes of the emulated Friendbuy's storefront side: referral links (`/r/<code>`), the emulated
// friendbuy.js and campaigns.js, the visitor status they ask for, and a record of SDK calls (`/sdk/events`).
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { browserBundle } from '../../http/browser-bundle.js';
import { EmulatedApiError } from './errors.js';
import type { Landing } from './landing.js';
import { parseInput } from './schemas.js';

export const EMULATED_SDK_ENTRY = 'storefront/sandbox/emulated-friendbuy.ts';
const JAVASCRIPT = 'application/javascript; charset=utf-8';

const referralParams = z.object({ code: z.string().regex(/^[\w.-]{1,100}$/, 'a referral code') });
const referralQuery = z.object({
  store: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .default('us'),
});
const sdkEventBody = z.object({ command: z.string().min(1).max(64), args: z.array(z.unknown()).max(10) });

export const landingRoutes: FastifyPluginAsync<{ landing: Landing; merchantId: string }> = async (
  app,
  { landing, merchantId },
) => {
  // Friendbuy would redirect to the campaign's destination URL; the sandbox's shop is the connector's demo page.
  app.get('/r/:code', async (request, reply) => {
    const { code } = parseInput(referralParams, request.params);
    const { store } = parseInput(referralQuery, request.query);
    const destination = `/sandbox/store?store=${store}`;
    const { fbuy } = landing.followReferralLink(code, request.hostname, destination);
    const target = new URLSearchParams({ store, fbuy, referralCode: code });
    return reply.redirect(`/sandbox/store?${target}`, 302);
  });

  app.get('/friendbuy.js', async (_request, reply) =>
    reply
      .type(JAVASCRIPT)
      .header('cache-control', 'no-store')
      .send(await browserBundle(EMULATED_SDK_ENTRY, 'iife')),
  );

  // The real file holds the widget configuration made in Friendbuy's Retailer App; ours only says it loaded.
  app.get('/campaigns/:merchant/campaigns.js', async (request, reply) => {
    const { merchant } = request.params as { merchant: string };
    if (merchant !== merchantId) throw new EmulatedApiError(404, `No campaigns for merchant ${merchant}`);
    const js = `(window.friendbuyEmulatedCampaigns=window.friendbuyEmulatedCampaigns||[]).push(${JSON.stringify(merchant)});`;
    return reply.type(JAVASCRIPT).send(js);
  });

  app.get('/visitor-status', async (request) => {
    const { fbuy } = request.query as { fbuy?: string };
    return landing.visitorStatus(fbuy || undefined);
  });

  app.post('/sdk/events', async (request, reply) => {
    const { command, args } = parseInput(sdkEventBody, request.body);
    landing.recordSdkEvent(command, args);
    return reply.code(204).send();
  });

  app.get('/sdk/events', async () => ({ events: landing.sdkEvents() }));

  app.delete('/sdk/events', async (_request, reply) => {
    landing.clearSdkEvents();
    return reply.code(204).send();
  });
};
