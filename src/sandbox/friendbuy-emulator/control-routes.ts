// Sandbox-only controls beside the emulated API: read or clear the recorded calls, and inject faults.
// They are not under /v1, so they are never delayed, faulted or recorded themselves.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { faultsPatchSchema, parseInput } from './schemas.js';
import type { EmulatorState } from './state.js';

const requestsQuerySchema = z.object({ path: z.string().optional() });

export const controlRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  app.get('/requests', async (request) => {
    const { path } = parseInput(requestsQuerySchema, request.query);
    return { requests: state.requests(path) };
  });

  app.delete('/requests', async (_request, reply) => {
    state.clearRequests();
    return reply.code(204).send();
  });

  app.get('/faults', async () => state.faults());

  app.put('/faults', async (request) => state.setFaults(parseInput(faultsPatchSchema, request.body ?? {})));
};
