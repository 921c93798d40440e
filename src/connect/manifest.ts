// The commercetools Connect packaging as data: connect.yaml's applications and configuration, derived from the
// configuration table (src/config/variables.ts), the declared recurring jobs and the API client scopes, so that
// a variable or a job added later reaches connect.yaml by re-running `npm run connect:generate`.
import { API_CLIENT_SCOPES } from '../commercetools/api-scopes.js';
import type { AnyVariable } from '../config/variable.js';
import { VARIABLES } from '../config/variables.js';
import type { DeclaredJob } from '../flows/job.js';

export interface ConfigurationItem {
  key: string;
  description: string;
  required?: boolean;
  default?: string;
}

export interface Configuration {
  standardConfiguration: ConfigurationItem[];
  securedConfiguration: ConfigurationItem[];
}

export interface Application {
  name: string;
  applicationType: 'service' | 'event' | 'job';
  endpoint: string;
  properties?: { schedule: string };
  scripts?: { postDeploy: string; preUndeploy: string };
  configuration?: Partial<Configuration>;
}

export interface ConnectManifest {
  inheritAs: { apiClient: { scopes: string[] }; configuration: Configuration };
  deployAs: Application[];
}

/**
 * Variables commercetools Connect sets itself, so connect.yaml must not declare them: `PORT` is reserved,
 * `inheritAs.apiClient` injects the `CTP_*` credentials of the client it creates, and each application gets
 * the URL or topic of its deployment.
 */
export const SET_BY_CONNECT: Record<string, string> = {
  PORT: 'reserved: Connect sets 8080',
  CTP_PROJECT_KEY: 'injected by inheritAs.apiClient',
  CTP_CLIENT_ID: 'injected by inheritAs.apiClient',
  CTP_CLIENT_SECRET: 'injected by inheritAs.apiClient',
  CTP_SCOPE: 'injected by inheritAs.apiClient',
  CTP_REGION: 'injected by inheritAs.apiClient',
  CTP_API_URL: 'injected by inheritAs.apiClient',
  CTP_AUTH_URL: 'injected by inheritAs.apiClient',
  CONNECT_SERVICE_URL: "set for the service application: the URL of the service's endpoint",
  CONNECT_GCP_TOPIC_NAME: 'set for the event application in GCP regions',
  CONNECT_GCP_PROJECT_ID: 'set for the event application in GCP regions',
  CONNECT_SUBSCRIPTION_DESTINATION: 'set for the event application: GoogleCloudPubSub or SNS',
  CONNECT_AWS_TOPIC_ARN: 'set for the event application in AWS regions',
};

/** Settings whose value differs by application: declared on those applications, not inherited by all. */
const PER_APPLICATION: Record<string, Partial<Record<'service' | 'event' | 'job', string>>> = {
  // The job applications run the recurring jobs on their cron; the service and event apps must not as well.
  CONNECTOR_RECURRING_JOBS: { service: 'scheduler', event: 'scheduler' },
  // Only Connect's Pub/Sub push subscription reaches the event application, and it carries no token of ours;
  // the service and the jobs take no deliveries, so no events token is needed anywhere on Connect.
  CONNECTOR_EVENTS_AUTH: { service: 'off', event: 'platform', job: 'off' },
};

/** On Connect nothing is kept on disk, so the store is a PostgreSQL server given as secured configuration. */
const REQUIRED_ON_CONNECT = new Set(['DATABASE_URL']);

const SCRIPTS = {
  postDeploy: 'npm ci && npm run build && npm run connector:post-deploy',
  preUndeploy: 'npm ci && npm run build && npm run connector:pre-undeploy',
};

export const SERVICE_ENDPOINT = '/';
export const EVENT_ENDPOINT = '/events/commercetools';

/** The job application of a recurring job: Connect's names and endpoints allow no dots. */
export function jobApplicationName(kind: string): string {
  return `job-${kind.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export function jobEndpoint(kind: string): string {
  return `/jobs/${kind.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export function connectManifest(jobs: readonly DeclaredJob[]): ConnectManifest {
  const inherited = Object.entries(VARIABLES).filter(
    ([key]) => !(key in SET_BY_CONNECT) && !(key in PER_APPLICATION),
  );
  const forApp = (app: 'service' | 'event' | 'job'): Partial<Configuration> => ({
    standardConfiguration: Object.entries(PER_APPLICATION).flatMap(([key, defaults]) => {
      const value = defaults[app];
      return value === undefined ? [] : [{ ...item(key, variableNamed(key)), default: value }];
    }),
  });
  return {
    inheritAs: {
      apiClient: { scopes: API_CLIENT_SCOPES.map((s) => s.scope) },
      configuration: {
        standardConfiguration: inherited.filter(([, v]) => !v.secret).map(([key, v]) => item(key, v)),
        securedConfiguration: inherited.filter(([, v]) => v.secret).map(([key, v]) => item(key, v)),
      },
    },
    deployAs: [
      {
        name: 'service',
        applicationType: 'service',
        endpoint: SERVICE_ENDPOINT,
        scripts: SCRIPTS,
        configuration: forApp('service'),
      },
      {
        name: 'event',
        applicationType: 'event',
        endpoint: EVENT_ENDPOINT,
        scripts: SCRIPTS,
        configuration: forApp('event'),
      },
      ...jobs.flatMap((job): Application[] =>
        job.schedule
          ? [
              {
                name: jobApplicationName(job.kind.name),
                applicationType: 'job',
                endpoint: jobEndpoint(job.kind.name),
                properties: { schedule: job.schedule.cron },
                configuration: forApp('job'),
              },
            ]
          : [],
      ),
    ],
  };
}

function variableNamed(key: string): AnyVariable {
  const variable = (VARIABLES as Record<string, AnyVariable>)[key];
  if (!variable) throw new Error(`no variable ${key} in src/config/variables.ts`);
  return variable;
}

function item(key: string, variable: AnyVariable): ConfigurationItem {
  // A variable required only in some setting is left optional: the application's own default decides.
  const required =
    REQUIRED_ON_CONNECT.has(key) || (Boolean(variable.liveRequired) && !variable.liveRequiredUnless);
  const value = variable.liveDefault ?? variable.default;
  return {
    key,
    description: plainText(variable.doc),
    ...(required ? { required: true } : {}),
    // Secured configuration takes no default.
    ...(!variable.secret && value !== undefined ? { default: value } : {}),
  };
}

/** The reference's Markdown, as Connect shows descriptions: links become their text. */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}
