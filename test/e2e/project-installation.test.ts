// What commercetools Connect's postDeploy and preUndeploy scripts (`ct-friendbuy setup` / `teardown`) leave in a
// project, run against the sandbox's emulated commercetools: redeploys converge on one Subscription and one cart
// API extension, undeploying twice is fine, and the custom types holding data survive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CART_EXTENSION_KEY } from '../../src/commercetools/cart-extension-registration.js';
import { ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { SUBSCRIPTION_KEY } from '../../src/commercetools/subscription.js';
import { installInProject, removeFromProject } from '../../src/flows/project-installation.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { runCli } from '../helpers/process.js';

const PROCESS_MS = 120_000;

describe('installing the connector in a project and removing it', () => {
  let connector: TestConnector;
  const postDeploy = () =>
    installInProject(
      {
        db: connector.db,
        commercetools: connector.commercetools,
        config: connector.config,
        logger: connector.logger,
        now: connector.clock.now(),
      },
      {
        destination: { type: 'GoogleCloudPubSub', topic: 'connect-events', projectId: 'connect-gcp' },
        extension: { url: `${connector.url}/extensions/commercetools`, authorization: 'Bearer deploy-test' },
      },
    );
  const preUndeploy = () => removeFromProject(connector.commercetools);
  const registered = async () => {
    const subscriptions = (await connector.commercetools.subscriptions().get().execute()).body.results;
    const extensions = (await connector.commercetools.extensions().get().execute()).body.results;
    return { subscriptions: subscriptions.map((s) => s.key), extensions: extensions.map((e) => e.key) };
  };

  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
  }, PROCESS_MS);
  afterAll(async () => {
    await connector?.close();
  });

  it('postDeploy, preUndeploy, postDeploy leave exactly one subscription and one extension', async () => {
    expect((await postDeploy()).subscription?.created).toBe(true);
    expect(await preUndeploy()).toEqual({ subscription: true, extension: true });
    expect(await registered()).toEqual({ subscriptions: [], extensions: [] });

    const again = await postDeploy();
    expect(again.subscription?.created).toBe(true);
    expect(again.extension?.created).toBe(true);
    expect((await postDeploy()).subscription?.created).toBe(false);
    expect(await registered()).toEqual({
      subscriptions: [SUBSCRIPTION_KEY],
      extensions: [CART_EXTENSION_KEY],
    });
  });

  it('subscribes the SNS topic of an AWS region with IAM authentication', async () => {
    const topicArn = 'arn:aws:sns:us-east-2:123456789012:connect-events';
    await installInProject(
      {
        db: connector.db,
        commercetools: connector.commercetools,
        config: connector.config,
        logger: connector.logger,
        now: connector.clock.now(),
      },
      { destination: { type: 'SNS', topicArn } },
    );
    const subscription = await connector.commercetools
      .subscriptions()
      .withKey({ key: SUBSCRIPTION_KEY })
      .get()
      .execute();
    expect(subscription.body.destination).toEqual({ type: 'SNS', topicArn, authenticationMode: 'IAM' });
    expect((await registered()).subscriptions).toEqual([SUBSCRIPTION_KEY]);
  });

  it('preUndeploy twice succeeds and keeps the custom types', async () => {
    await preUndeploy();
    expect(await preUndeploy()).toEqual({ subscription: false, extension: false });
    expect(await registered()).toEqual({ subscriptions: [], extensions: [] });
    const orderType = await connector.commercetools.types().withKey({ key: ORDER_TYPE_KEY }).get().execute();
    expect(orderType.body.key).toBe(ORDER_TYPE_KEY);
    await postDeploy(); // the sandbox connector keeps its cart extension for the other tests in this process
  });

  it(
    'teardown refuses, exiting non-zero, to act on the sandbox a running connector owns',
    async () => {
      const run = await runCli(['teardown'], { PORT: new URL(connector.url).port, DATABASE_URL: '' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('refused');
      expect(run.stderr).toContain('Stop the connector instead');
      expect((await registered()).extensions).toEqual([CART_EXTENSION_KEY]);
    },
    PROCESS_MS,
  );
});
