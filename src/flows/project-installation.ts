// What the connector installs in a commercetools project, and removes again: commercetools Connect's postDeploy
// and preUndeploy scripts and the CLI's `setup` and `teardown` all run these two functions. Installing is
// idempotent (custom types only gain missing fields; the Subscription and the cart API extension are updated in
// place by key, so there is never a moment without them). Removing deletes exactly the Subscription and the
// extension, by their keys, and never the custom types: their fields hold the merchant's data.
import type { Destination } from '@commercetools/platform-sdk';
import {
  type CartExtensionTarget,
  ensureCartExtension,
  removeCartExtension,
} from '../commercetools/cart-extension-registration.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { EnsureCustomTypesResult } from '../commercetools/setup-types.js';
import {
  ensureSubscription,
  messageSubscriptions,
  removeSubscription,
} from '../commercetools/subscription.js';
import type { ConnectDestination } from '../config.js';
import { HANDLED_MESSAGE_TYPES } from './receive-commercetools-delivery.js';
import { runSetup } from './setup.js';

type InstallDeps = Parameters<typeof runSetup>[0];

export interface InstallOptions {
  /** The topic Connect provides; without it no Subscription is registered (self-hosted: point your own). */
  destination?: ConnectDestination | undefined;
  /** Where commercetools calls the cart API extension; without it the extension is left as it is. */
  extension?: CartExtensionTarget | undefined;
}

export interface Installation {
  customTypes: EnsureCustomTypesResult;
  subscription?: { created: boolean; destination: ConnectDestination };
  extension?: { created: boolean; url: string };
}

export async function installInProject(deps: InstallDeps, options: InstallOptions): Promise<Installation> {
  const installation: Installation = { customTypes: await runSetup(deps) };
  if (options.destination) {
    const { created } = await ensureSubscription(
      deps.commercetools,
      subscriptionDestination(options.destination),
      messageSubscriptions(HANDLED_MESSAGE_TYPES),
    );
    installation.subscription = { created, destination: options.destination };
  }
  if (options.extension) {
    const { created } = await ensureCartExtension(deps.commercetools, options.extension);
    installation.extension = { created, url: options.extension.url };
  }
  return installation;
}

export interface Removal {
  subscription: boolean;
  extension: boolean;
}

/** Removes the Subscription and the cart API extension; each is `false` when it was already gone. */
export async function removeFromProject(commercetools: CommercetoolsApi): Promise<Removal> {
  // The extension first: a connector on its way out must stop standing between shoppers and their carts.
  const extension = await removeCartExtension(commercetools);
  const subscription = await removeSubscription(commercetools);
  return { subscription, extension };
}

/** SNS topics of Connect's AWS regions are published to with IAM, so no keys are stored in commercetools. */
export function subscriptionDestination(destination: ConnectDestination): Destination {
  return destination.type === 'SNS'
    ? { type: 'SNS', topicArn: destination.topicArn, authenticationMode: 'IAM' }
    : { type: 'GoogleCloudPubSub', topic: destination.topic, projectId: destination.projectId };
}
