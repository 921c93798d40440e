// connect.yaml's documented format as a zod schema: the keys commercetools Connect documents for connect.yaml
// (and its CLI validates with strict objects, so an unknown key is an error), with their patterns and limits.
import { z } from 'zod';

const RESERVED_KEYS = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'];

const configurationKey = z
  .string()
  .regex(/^[a-zA-Z0-9_]{2,256}$/)
  .refine((key) => !RESERVED_KEYS.includes(key), 'is reserved by Connect');
const standardItem = z.strictObject({
  key: configurationKey,
  description: z.string().min(1),
  required: z.boolean().optional(),
  default: z.string().optional(),
});
const securedItem = z.strictObject({
  key: configurationKey,
  description: z.string().min(1),
  required: z.boolean().optional(),
});
const configuration = z.strictObject({
  standardConfiguration: z.array(standardItem).optional(),
  securedConfiguration: z.array(securedItem).optional(),
});
const applicationName = z.string().regex(/^[a-zA-Z0-9_-]{2,256}$/);
const endpoint = z
  .string()
  .regex(/^[a-zA-Z0-9_\-/]{0,256}$/)
  .refine((path) => !path.includes('//'), 'has "//"');
const scripts = z.strictObject({
  postDeploy: z.string().min(1).optional(),
  preUndeploy: z.string().min(1).optional(),
});
/** Five to seven cron fields, or a macro such as `@daily` / `@every 5m`. */
const cron = z
  .string()
  .refine(
    (schedule) =>
      /^@(yearly|annually|monthly|weekly|daily|hourly|every \d+[smh])$/.test(schedule) ||
      [5, 6, 7].includes(schedule.trim().split(/\s+/).length),
    'is not a cron expression',
  );
const common = {
  name: applicationName,
  endpoint,
  configuration: configuration.optional(),
  scripts: scripts.optional(),
};
const application = z.discriminatedUnion('applicationType', [
  z.strictObject({ applicationType: z.literal('service'), ...common }),
  z.strictObject({
    applicationType: z.literal('event'),
    ...common,
    retryPolicy: z
      .union([
        z.strictObject({
          strategy: z.literal('exponential-backoff'),
          minBackoffSeconds: z.number().int().min(1).max(600),
          maxBackoffSeconds: z.number().int().min(1).max(600),
          maxAttempts: z.number().int().min(5).max(100).optional(),
        }),
        z.strictObject({ strategy: z.literal('immediate') }),
      ])
      .optional(),
  }),
  z.strictObject({
    applicationType: z.literal('job'),
    ...common,
    properties: z.strictObject({ schedule: cron }),
  }),
]);

const keysOf = (config: z.infer<typeof configuration> | undefined) => [
  ...(config?.standardConfiguration ?? []).map((item) => item.key),
  ...(config?.securedConfiguration ?? []).map((item) => item.key),
];

export const connectSpec = z
  .strictObject({
    deployAs: z.array(application).min(1),
    inheritAs: z
      .strictObject({
        configuration: configuration.optional(),
        apiClient: z.strictObject({ scopes: z.array(z.string().min(1)).min(1) }).optional(),
      })
      .optional(),
  })
  .superRefine((spec, context) => {
    const names = spec.deployAs.map((app) => app.name);
    if (new Set(names).size !== names.length)
      context.addIssue({ code: 'custom', message: 'duplicate names' });
    const inherited = keysOf(spec.inheritAs?.configuration);
    if (new Set(inherited).size !== inherited.length)
      context.addIssue({ code: 'custom', message: 'duplicate inherited keys' });
    for (const app of spec.deployAs) {
      const own = keysOf(app.configuration);
      const clash = own.filter((key, i) => inherited.includes(key) || own.indexOf(key) !== i);
      if (clash.length > 0)
        context.addIssue({ code: 'custom', message: `${app.name} declares ${clash.join(', ')} twice` });
    }
  });
