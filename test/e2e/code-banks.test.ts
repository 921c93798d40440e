import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codesCommand, EXIT_ATTENTION } from '../../src/cli/codes.js';
import { createCliContext } from '../../src/cli/context.js';
import { createDiscountCode } from '../../src/commercetools/discount-access.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { runCodeBatch, startCodeBatch } from '../../src/flows/generate-codes.js';
import { batchCodes, getBatch } from '../../src/store/code-batches.js';
import { claimCode, findCodes } from '../../src/store/codes.js';
import { flowDepsOf } from '../helpers/code-deps.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';

describe('code banks: ct-friendbuy codes generate', () => {
  let world: TestConnector;
  let deps: FlowDeps;
  let dir: string;
  beforeAll(async () => {
    world = await startTestConnector();
    deps = await flowDepsOf(world);
    dir = await mkdtemp(join(tmpdir(), 'ctfb-codes-'));
  });
  afterAll(async () => {
    await world?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const inCommercetools = async (codes: string[]) =>
    (
      await world.api
        .discountCodes()
        .get({ queryArgs: { where: `code in (${codes.map((c) => `"${c}"`).join(', ')})`, limit: 500 } })
        .execute()
    ).body.results;

  it('resumes an interrupted batch, finishing what a crashed run left half done, without duplicates', async () => {
    const batch = await startCodeBatch(deps, {
      campaignId: 'sandbox-us-referral',
      count: 12,
      channel: 'friendIncentive',
      concurrency: 3,
    });
    const stop = new AbortController();
    const first = await runCodeBatch(deps, batch.id, {
      signal: stop.signal,
      onProgress: ({ created }) => created >= 4 && stop.abort(),
    });
    expect(first.outcome).toBe('interrupted');
    expect(first.batch.created).toBeGreaterThanOrEqual(4);
    expect(first.batch.created).toBeLessThan(12);

    // A runner that crashed after creating a code in commercetools but before recording it: its claim is
    // pending, its lease still running.
    const [sample] = await findCodes(deps.db, await batchCodes(deps.db, batch.id));
    const crashed = await claimCode(
      deps.db,
      { commercetoolsCode: 'us-crashed01', owner: { ...sample!, batchId: batch.id }, maxApplications: 1 },
      { owner: 'dead-runner', until: new Date(deps.clock.now().getTime() + 60_000) },
      deps.clock.now(),
    );
    expect(crashed?.status).toBe('pending');
    await createDiscountCode(deps.commercetools, {
      code: 'us-crashed01',
      cartDiscounts: [{ typeId: 'cart-discount', id: sample!.cartDiscountId! }],
      maxApplications: 1,
    });

    const second = await runCodeBatch(deps, batch.id);
    expect(second.outcome).toBe('completed');
    const codes = await batchCodes(deps.db, batch.id);
    expect(codes).toHaveLength(12);
    expect(codes).toContain('us-crashed01');
    expect(new Set(codes).size).toBe(12);
    for (const code of codes) expect(code).toMatch(/^us-[a-hj-np-z2-9]{10}$|^us-crashed01$/);
    const created = await inCommercetools(codes);
    expect(created).toHaveLength(12);
    expect(created.every((code) => code.maxApplications === 1)).toBe(true);
    expect(new Set(created.map((code) => code.cartDiscounts[0]?.id)).size).toBe(1);
    expect((await getBatch(deps.db, batch.id))?.status).toBe('completed');
  });

  it('skips random candidates that are already taken in commercetools', async () => {
    const zeros = (size: number) => new Uint8Array(size);
    let calls = 0;
    const scripted = (size: number) =>
      ++calls <= 60 ? zeros(size) : crypto.getRandomValues(new Uint8Array(size));
    const [existing] = await inCommercetools(['us-crashed01']);
    await createDiscountCode(deps.commercetools, {
      code: 'us-aaaaaaaaaa',
      cartDiscounts: [{ typeId: 'cart-discount', id: existing!.cartDiscounts[0]!.id }],
    });
    const batch = await startCodeBatch(deps, {
      campaignId: 'sandbox-us-referral',
      count: 3,
      channel: 'advocateReward',
      concurrency: 2,
    });
    const { outcome } = await runCodeBatch(deps, batch.id, { random: scripted });
    expect(outcome).toBe('completed');
    const codes = await batchCodes(deps.db, batch.id);
    expect(codes).toHaveLength(3);
    expect(codes).not.toContain('US-AAAAAAAAAA');
    expect(await inCommercetools(['US-AAAAAAAAAA'])).toHaveLength(0);
  });

  it('generates through the sandbox connector and writes a lowercase, header-less CSV; stock reports the bank', async () => {
    const context = createCliContext(world.config);
    const out = join(dir, 'eu.csv');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const status = await codesCommand(
        context,
        ['generate', '--campaign', 'sandbox-eu-referral', '--count', '6', '--concurrency', '3', '--out', out],
        world.url,
      );
      expect(status).toBe(0);
      const lines = (await readFile(out, 'utf8')).split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1)).toHaveLength(6);
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/^eu-[a-hj-np-z2-9]{10}$/);
      // The very codes in the CSV exist in commercetools: Friendbuy hands them out lowercase.
      expect(await inCommercetools(lines.slice(0, -1))).toHaveLength(6);

      stdout.mockClear();
      const stock = await codesCommand(
        context,
        ['stock', '--campaign', 'sandbox-eu-referral', '--below', '10', '--json'],
        world.url,
      );
      expect(stock).toBe(EXIT_ATTENTION);
      const report = JSON.parse(String(stdout.mock.calls.map((call) => call[0]).join('')));
      expect(report.rows).toEqual([
        {
          campaignId: 'sandbox-eu-referral',
          channel: 'friendIncentive',
          unused: 6,
          used: 0,
          deactivated: 0,
          low: true,
        },
      ]);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });
});
