import { describe, expect, it } from 'vitest';
import { classifyPayload, decodeDelivery, encodePubSubEnvelope, type PlatformPayload } from './envelope.js';

const orderCreated = {
  notificationType: 'Message',
  projectKey: 'demo',
  id: 'm-1',
  version: 1,
  sequenceNumber: 3,
  resource: { typeId: 'order', id: 'o-1' },
  resourceVersion: 4,
  type: 'OrderCreated',
  createdAt: '2026-11-25T10:00:00.000Z',
  lastModifiedAt: '2026-11-25T10:00:00.000Z',
  order: { id: 'o-1' },
};

const cloudEvent = {
  specversion: '1.0',
  id: 'm-1',
  type: 'com.commercetools.order.message.OrderCreated',
  source: '/demo/orders',
  subject: 'o-1',
  time: '2026-11-25T10:00:00.000Z',
  data: orderCreated,
};

function decoded(body: unknown, contentType = 'application/json'): PlatformPayload {
  const result = decodeDelivery(body, contentType);
  if (!result.ok) throw new Error(result.reason);
  return result.payload;
}

function reason(body: unknown, contentType = 'application/json'): string {
  const result = decodeDelivery(body, contentType);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('decodeDelivery', () => {
  it('unwraps a Google Pub/Sub push envelope', () => {
    expect(decoded(encodePubSubEnvelope(orderCreated, 'ps-1'))).toEqual(orderCreated);
  });

  it('hands on the Pub/Sub or SNS message text when it is the payload itself, never a CloudEvent around it', () => {
    const text = JSON.stringify(orderCreated);
    const pubSub = decodeDelivery(encodePubSubEnvelope(orderCreated, 'ps-1'), 'application/json');
    expect(pubSub.ok && pubSub.payloadJson).toBe(text);
    const sns = decodeDelivery(
      { Type: 'Notification', MessageId: 'sns-1', Message: text },
      'application/json',
    );
    expect(sns.ok && sns.payloadJson).toBe(text);
    const wrapped = decodeDelivery(encodePubSubEnvelope(cloudEvent, 'ps-2'), 'application/json');
    expect(wrapped.ok && wrapped.payloadJson).toBeUndefined();
  });

  it('unwraps a CloudEvents structured event, also inside Pub/Sub', () => {
    expect(decoded(cloudEvent, 'application/cloudevents+json; charset=utf-8')).toEqual(orderCreated);
    expect(decoded(encodePubSubEnvelope(cloudEvent, 'ps-2'))).toEqual(orderCreated);
  });

  it('unwraps an SNS notification (a subscription on SNS, as in AWS regions), naming a Message that is not JSON', () => {
    const notification = { Type: 'Notification', MessageId: 'sns-1', TopicArn: 'arn:aws:sns:us-east-2:1:t' };
    expect(decoded({ ...notification, Message: JSON.stringify(orderCreated) })).toEqual(orderCreated);
    expect(reason({ ...notification, Message: 'not json' })).toBe('Message is not JSON');
  });

  it('accepts a bare Platform payload, parsed or raw', () => {
    expect(decoded(orderCreated)).toEqual(orderCreated);
    expect(decoded(Buffer.from(JSON.stringify(orderCreated)))).toEqual(orderCreated);
  });

  it('names message.data when the Pub/Sub data is not base64 JSON', () => {
    const envelope = encodePubSubEnvelope(orderCreated, 'ps-1');
    expect(reason({ ...envelope, message: { ...envelope.message, data: '%%%' } })).toBe(
      'message.data is not base64-encoded JSON',
    );
    const notJson = Buffer.from('not json').toString('base64');
    expect(reason({ ...envelope, message: { ...envelope.message, data: notJson } })).toBe(
      'message.data is not base64-encoded JSON',
    );
    expect(reason({ message: {} })).toMatch(/^message\.data: /);
  });

  it('decodes base64 as written by any encoder: padded, unpadded, wrapped in lines, or with stray trailing bits', () => {
    const envelope = encodePubSubEnvelope(orderCreated, 'ps-1');
    const data = envelope.message.data;
    const withData = (text: string) => ({ ...envelope, message: { ...envelope.message, data: text } });
    expect(decoded(withData(data.replace(/=+$/, '')))).toEqual(orderCreated);
    expect(decoded(withData(data.replace(/(.{76})/g, '$1\r\n')))).toEqual(orderCreated);
    // The same bytes with non-zero unused bits before the padding, which lenient encoders emit.
    const padded = data.endsWith('=')
      ? data
      : encodePubSubEnvelope({ ...orderCreated, id: 'm-10' }, 'ps-1').message.data;
    const unpaddedEnd = padded.replace(/=+$/, '');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(unpaddedEnd.at(-1) ?? '');
    const strayBits = `${unpaddedEnd.slice(0, -1)}${alphabet[last | 1]}${padded.slice(unpaddedEnd.length)}`;
    expect(strayBits).not.toBe(padded);
    expect(decoded(withData(strayBits))).toEqual(decoded(withData(padded)));
    expect(reason(withData(`${data.slice(0, 8)}*${data.slice(9)}`))).toBe(
      'message.data is not base64-encoded JSON',
    );
    expect(reason(withData(`${data}=`))).toBe('message.data is not base64-encoded JSON');
  });

  it('names the missing field of the payload inside the envelope', () => {
    const { resource: _, ...withoutResource } = orderCreated;
    expect(reason(encodePubSubEnvelope(withoutResource, 'ps-1'))).toMatch(/^message\.data\.resource: /);
    expect(reason({ ...cloudEvent, data: { ...orderCreated, resource: { typeId: 'order' } } })).toMatch(
      /^data\.resource\.id: /,
    );
    expect(reason({ ...cloudEvent, specversion: '0.3' })).toMatch(/^specversion: /);
  });

  it('refuses what is not a JSON object', () => {
    expect(reason('{oops')).toBe('body is not valid JSON');
    expect(reason([orderCreated])).toBe('body must be a JSON object');
    expect(reason(orderCreated, 'text/plain')).toBe('content-type "text/plain" is not JSON');
  });
});

describe('classifyPayload', () => {
  it('keys a message on resource id and sequence number', () => {
    expect(classifyPayload(decoded(orderCreated))).toEqual({
      ok: true,
      value: {
        kind: 'message',
        type: 'OrderCreated',
        resourceTypeId: 'order',
        resourceId: 'o-1',
        sequenceNumber: 3,
        dedupKey: 'o-1:3',
        payloadNotIncluded: false,
      },
    });
  });

  it('takes the type of a message delivered without its payload from payloadNotIncluded', () => {
    // API reference: MessageDeliveryPayload.payloadNotIncluded, example payload-not-included.example.json.
    const { type: _type, order: _order, ...withoutPayload } = orderCreated;
    const delivery = {
      ...withoutPayload,
      payloadNotIncluded: { reason: 'Payload too large.', payloadType: 'OrderCreated' },
    };
    expect(classifyPayload(decoded(encodePubSubEnvelope(delivery, 'p-1')))).toMatchObject({
      ok: true,
      value: { kind: 'message', type: 'OrderCreated', dedupKey: 'o-1:3', payloadNotIncluded: true },
    });
    const { payloadNotIncluded: _p, ...neither } = delivery;
    expect(classifyPayload(decoded(neither))).toEqual({
      ok: false,
      reason: 'type: expected string, received undefined',
    });
  });

  it('keys a change notification on resource id and version', () => {
    const change = {
      notificationType: 'ResourceUpdated',
      projectKey: 'demo',
      resource: { typeId: 'customer', id: 'c-1' },
      version: 7,
      oldVersion: 6,
      modifiedAt: '2026-11-25T10:00:00.000Z',
    };
    expect(classifyPayload(decoded(change))).toEqual({
      ok: true,
      value: {
        kind: 'change',
        notificationType: 'ResourceUpdated',
        resourceTypeId: 'customer',
        resourceId: 'c-1',
        version: 7,
        dedupKey: 'c-1:v7',
      },
    });
  });

  it("recognises the subscription's test notification", () => {
    const test = {
      notificationType: 'ResourceCreated',
      projectKey: 'demo',
      resource: { typeId: 'subscription', id: 's' },
    };
    expect(classifyPayload(decoded(test))).toEqual({ ok: true, value: { kind: 'subscription-test' } });
  });

  it('gives reasons naming the field', () => {
    expect(classifyPayload(decoded({ ...orderCreated, sequenceNumber: 0 }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^sequenceNumber: /),
    });
    const { version: _, ...changeWithoutVersion } = { ...orderCreated, notificationType: 'ResourceDeleted' };
    expect(classifyPayload(decoded(changeWithoutVersion))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^version: /),
    });
    expect(classifyPayload(decoded({ ...orderCreated, notificationType: 'Event' }))).toEqual({
      ok: false,
      reason: 'notificationType: "Event" is not supported',
    });
  });
});
