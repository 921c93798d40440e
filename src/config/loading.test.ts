import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loading the configuration table', () => {
  it('refuses a log level pino does not know, naming it', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL must be "fatal", "error", "warn", "info", "debug", "trace" or "silent" (got "verbose")',
    ]);
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('lets an entry point replace a default, never a value that is set', () => {
    expect(loadConfig({}, { LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({ LOG_LEVEL: 'info' }, { LOG_LEVEL: 'warn' }).logLevel).toBe('info');
  });

  it('never echoes a secret in a problem', () => {
    const problems = problemsOf({
      CONNECTOR_STOREFRONT_SERVER_KEY: 'hunter2',
      DATABASE_URL: 'mysql://u:pw@db',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toMatch(/hunter2|pw@db/);
  });

  it('validates every variable it documents, including the ones commercetools Connect sets', () => {
    expect(
      problemsOf({ CONNECT_SERVICE_URL: 'svc.example.com', FRIENDBUY_SCRIPT_URL: 'friendbuy.js' }),
    ).toEqual([
      expect.stringMatching(/^FRIENDBUY_SCRIPT_URL /),
      expect.stringMatching(/^CONNECT_SERVICE_URL /),
    ]);
  });

  it('takes the Pub/Sub topic commercetools Connect provides only as a pair', () => {
    const topic = { CONNECT_GCP_TOPIC_NAME: 'orders', CONNECT_GCP_PROJECT_ID: 'shop-123' };
    expect(loadConfig(topic).connectDestination).toEqual({
      type: 'GoogleCloudPubSub',
      topic: 'orders',
      projectId: 'shop-123',
    });
    expect(loadConfig({ CONNECT_GCP_TOPIC_NAME: 'orders' }).connectDestination).toBeUndefined();
  });

  it('takes the SNS topic of an AWS region when Connect names SNS as the destination', () => {
    const arn = 'arn:aws:sns:eu-central-1:123456789012:connect-events';
    const aws = { CONNECT_SUBSCRIPTION_DESTINATION: 'SNS', CONNECT_AWS_TOPIC_ARN: arn };
    expect(loadConfig(aws).connectDestination).toEqual({ type: 'SNS', topicArn: arn });
    expect(problemsOf({ CONNECT_SUBSCRIPTION_DESTINATION: 'SNS' })).toEqual([
      'CONNECT_AWS_TOPIC_ARN is required when CONNECT_SUBSCRIPTION_DESTINATION is SNS',
    ]);
    expect(problemsOf({ CONNECT_AWS_TOPIC_ARN: 'not-an-arn' })).toEqual([
      expect.stringMatching(/^CONNECT_AWS_TOPIC_ARN must be an SNS topic ARN/),
    ]);
  });
});
