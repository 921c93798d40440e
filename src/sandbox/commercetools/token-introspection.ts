// commercetools' OAuth 2.0 Token Introspection (`POST /oauth/introspect`, RFC 7662), which
// @labdigital/commercetools-mock does not implement. The sandbox answers it from the tokens the mock itself
// issued (`/oauth/{projectKey}/customers/token` password flow, anonymous and client tokens), so a storefront's
// customer token is checked the same way as in live mode. Known differences from commercetools: the mock's
// tokens never expire (no `exp`), and the caller's own client credentials are not checked (the sandbox accepts
// any, as it does everywhere).
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { FastifyInstance } from 'fastify';

/** Registers `POST /oauth/introspect` in the sandbox proxy's context (bodies arrive as raw buffers there). */
export function registerTokenIntrospection(app: FastifyInstance, mock: CommercetoolsMock): void {
  app.post('/oauth/introspect', async (request, reply) => {
    const form = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    const query = request.query as Record<string, string | undefined>;
    const token = form.get('token') ?? query.token;
    if (!request.headers.authorization)
      return reply.code(401).send({ statusCode: 401, message: 'Please provide valid client credentials.' });
    if (!token)
      return reply.code(400).send({ statusCode: 400, message: 'Missing required parameter: token.' });
    const issued = mock.authStore().tokens.find((candidate) => candidate.access_token === token);
    if (!issued) return { active: false };
    return { active: true, scope: issued.scope, client_id: mock.authStore().getClientIdForToken(token) };
  });
}
