// Every environment variable the connector reads, grouped as the configuration reference shows them. The loader
// (src/config.ts) parses them in this order and `npm run docs:config` prints docs/configuration.md from them.
import { consoleSignIn } from './console.js';
import { campaigns, extension, identity, outbox, privacy, purchases, storefront } from './features.js';
import { observability } from './observability.js';
import { commercetools, connect, friendbuy, http, inbound, server, storage } from './services.js';

export { SANDBOX_STOREFRONT_SERVER_KEY } from './features.js';

/** The reference's sections, in the order the loader reads them (and reports their problems). */
export const CONFIGURATION_GROUPS = [
  { title: 'Mode, server and logs', variables: server },
  { title: 'Storage', variables: storage },
  { title: 'HTTP limits', variables: http },
  { title: 'commercetools', variables: commercetools },
  { title: 'Friendbuy', variables: friendbuy },
  { title: 'Inbound authentication', variables: inbound },
  { title: 'Storefront kit', variables: storefront },
  { title: 'Public URL and commercetools Connect', variables: connect },
  { title: 'Cart API extension', variables: extension },
  { title: 'Campaigns, codes and analytics', variables: campaigns },
  { title: 'Email identity', variables: identity },
  { title: 'Purchases and order statuses', variables: purchases },
  { title: 'Outbox workers', variables: outbox },
  { title: 'Privacy and retention', variables: privacy },
  { title: 'Operator console sign-in', variables: consoleSignIn },
  { title: 'Monitoring and tracing', variables: observability },
] as const;

export const STOREFRONT_VARIABLES = storefront;

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/** Every variable by name, in the order of the groups. */
export const VARIABLES = Object.assign(
  {},
  ...CONFIGURATION_GROUPS.map((group) => group.variables),
) as UnionToIntersection<(typeof CONFIGURATION_GROUPS)[number]['variables']>;
