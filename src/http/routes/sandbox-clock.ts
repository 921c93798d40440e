// /sandbox/clock (sandbox only): moves the connector's clock forward so return windows and other timers can
// be demonstrated in minutes; the workers are woken so timers now due fire at once.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdjustableClock } from '../../clock.js';
import { parseIsoDuration } from '../../domain/iso-duration.js';
import { badRequest } from '../errors.js';

const advanceBody = z.strictObject({ advance: z.string() });

export function registerSandboxClockRoute(
  app: FastifyInstance,
  deps: { clock: AdjustableClock; onAdvanced: () => void },
): void {
  const state = () => ({ now: deps.clock.now().toISOString(), offsetMs: deps.clock.offset });
  app.get('/sandbox/clock', async () => state());
  app.post('/sandbox/clock', async (request) => {
    const body = advanceBody.safeParse(request.body);
    const ms = body.success ? parseIsoDuration(body.data.advance) : undefined;
    if (ms === undefined) {
      throw badRequest(
        'advance: give an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. "P31D" or "PT2H"',
      );
    }
    deps.clock.advance(ms);
    deps.onAdvanced();
    return state();
  });
}
