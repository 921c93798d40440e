// The campaigns file's JSON Schema, generated from the zod schema the loader validates with, so editors can
// check a file as it is written. `npm run docs:config` publishes it as docs/campaigns.schema.json.
import { z } from 'zod';
import { campaignsFileSchema } from './schema.js';

export function campaignsJsonSchema(): Record<string, unknown> {
  // `input`: the file as written, where every field with a default may be left out.
  const { $schema, ...schema } = z.toJSONSchema(campaignsFileSchema, { io: 'input' });
  return {
    $schema,
    title: 'ct-friendbuy campaigns file (CONNECTOR_CAMPAIGNS_FILE)',
    description:
      'Campaigns the connector runs: stores, currencies, incentives, codes, reward policy and fraud policy. ' +
      'See docs/configuration.md.',
    ...schema,
  };
}
