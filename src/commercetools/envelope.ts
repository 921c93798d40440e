// Decoding of commercetools subscription deliveries. The same payload reaches us three ways: wrapped in a
// Google Pub/Sub push envelope (Connect), as a CloudEvents 1.0 structured event, or bare (other brokers, tests).
// Pure functions: the route parses with these, then classifies to get the dedup key.
import { z } from 'zod';
import { systemClock } from '../clock.js';

const resourceSchema = z.object({ typeId: z.string().min(1), id: z.string().min(1) });

const platformPayloadSchema = z.looseObject({
  notificationType: z.string().min(1),
  projectKey: z.string().optional(),
  resource: resourceSchema,
});

/** A Platform-format delivery payload (Message or change notification); other fields pass through. */
export type PlatformPayload = z.infer<typeof platformPayloadSchema>;

const pubSubEnvelopeSchema = z.object({
  message: z.looseObject({
    data: z.string().min(1),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().optional(),
  }),
  subscription: z.string().optional(),
});

const cloudEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  data: z.unknown().optional(),
  data_base64: z.string().optional(),
});

export type DecodeResult =
  | {
      ok: true;
      payload: PlatformPayload;
      /**
       * The payload's JSON text exactly as delivered, when the payload is that whole text (a Pub/Sub or SNS
       * message holding a Platform payload): the inbox stores it as received instead of serialising the
       * payload again.
       */
      payloadJson?: string;
    }
  | { ok: false; reason: string };

/**
 * Unwraps a delivery into its Platform payload. `body` is the parsed JSON or the raw body (string/Buffer).
 *
 * @example
 * const decoded = decodeDelivery(request.body, request.headers['content-type'] ?? '');
 * if (!decoded.ok) return reply.code(400).send({ error: decoded.reason });
 */
export function decodeDelivery(body: unknown, contentType: string): DecodeResult {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== '' && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    return { ok: false, reason: `content-type "${mediaType}" is not JSON` };
  }
  const json =
    typeof body === 'string' || body instanceof Uint8Array ? parseJson(body) : { ok: true, value: body };
  if (!json.ok) return { ok: false, reason: 'body is not valid JSON' };
  const value = json.value;
  if (!isObject(value)) return { ok: false, reason: 'body must be a JSON object' };

  if ('message' in value && !('notificationType' in value) && !('specversion' in value)) {
    const envelope = pubSubEnvelopeSchema.safeParse(value);
    if (!envelope.success) return { ok: false, reason: describe(envelope.error, '') };
    const inner = decodeBase64Json(envelope.data.message.data);
    if (inner === undefined) return { ok: false, reason: 'message.data is not base64-encoded JSON' };
    return decodeInner(inner.value, 'message.data', inner.text);
  }
  // An SNS HTTP notification (a subscription on SNS, as in Connect's AWS regions, relayed to this route).
  if (value.Type === 'Notification' && typeof value.Message === 'string') {
    const inner = parseJson(value.Message);
    if (!inner.ok) return { ok: false, reason: 'Message is not JSON' };
    return decodeInner(inner.value, 'Message', value.Message);
  }
  return decodeInner(value, '');
}

/** A Platform payload, or a CloudEvent carrying one (CloudEvents-format subscriptions, also inside Pub/Sub). */
function decodeInner(value: unknown, path: string, text?: string): DecodeResult {
  if (isObject(value) && 'specversion' in value) {
    const event = cloudEventSchema.safeParse(value);
    if (!event.success) return { ok: false, reason: describe(event.error, path) };
    const dataPath = join(path, 'data');
    if (event.data.data === undefined && event.data.data_base64 !== undefined) {
      const data = decodeBase64Json(event.data.data_base64);
      if (data === undefined)
        return { ok: false, reason: `${join(path, 'data_base64')} is not base64-encoded JSON` };
      return parsePlatformPayload(data.value, dataPath, data.text);
    }
    return parsePlatformPayload(event.data.data, dataPath);
  }
  return parsePlatformPayload(value, path, text);
}

function parsePlatformPayload(value: unknown, path: string, text?: string): DecodeResult {
  const parsed = platformPayloadSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error, path) };
  return { ok: true, payload: parsed.data, ...(text === undefined ? {} : { payloadJson: text }) };
}

// A message too large for its destination arrives with `payloadNotIncluded` instead of its body, and may lack
// `type`; `payloadType` then names it (API reference: MessageDeliveryPayload, PayloadNotIncluded).
const payloadNotIncludedSchema = z.looseObject({
  reason: z.string().optional(),
  payloadType: z.string().min(1),
});

const messageSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1).optional(),
  sequenceNumber: z.number().int().positive(),
  payloadNotIncluded: payloadNotIncludedSchema.optional(),
});

const changeSchema = z.looseObject({ version: z.number().int().positive() });

export type PayloadClass =
  | {
      kind: 'message';
      type: string;
      resourceTypeId: string;
      resourceId: string;
      sequenceNumber: number;
      dedupKey: string;
      /** Delivered without its payload (too large for the destination); processing fetches it. */
      payloadNotIncluded: boolean;
    }
  | {
      kind: 'change';
      notificationType: 'ResourceCreated' | 'ResourceUpdated' | 'ResourceDeleted';
      resourceTypeId: string;
      resourceId: string;
      version: number;
      dedupKey: string;
    }
  | { kind: 'subscription-test' };

export type ClassifyResult = { ok: true; value: PayloadClass } | { ok: false; reason: string };

/**
 * Says what a payload is and gives its natural dedup key (delivery is at least once and unordered:
 * `resource.id + sequenceNumber` for messages, `resource.id + version` for changes).
 */
export function classifyPayload(payload: PlatformPayload): ClassifyResult {
  const { notificationType, resource } = payload;
  // The test notification sent when a subscription is created is a ResourceCreated about the subscription.
  if (notificationType === 'ResourceCreated' && resource.typeId === 'subscription') {
    return { ok: true, value: { kind: 'subscription-test' } };
  }

  if (notificationType === 'Message') {
    const message = messageSchema.safeParse(payload);
    if (!message.success) return { ok: false, reason: describe(message.error, '') };
    const { sequenceNumber, payloadNotIncluded } = message.data;
    const type = message.data.type ?? payloadNotIncluded?.payloadType;
    if (type === undefined) return { ok: false, reason: 'type: expected string, received undefined' };
    return {
      ok: true,
      value: {
        kind: 'message',
        type,
        resourceTypeId: resource.typeId,
        resourceId: resource.id,
        sequenceNumber,
        dedupKey: `${resource.id}:${sequenceNumber}`,
        payloadNotIncluded: payloadNotIncluded !== undefined,
      },
    };
  }

  if (
    notificationType === 'ResourceCreated' ||
    notificationType === 'ResourceUpdated' ||
    notificationType === 'ResourceDeleted'
  ) {
    const change = changeSchema.safeParse(payload);
    if (!change.success) return { ok: false, reason: describe(change.error, '') };
    const { version } = change.data;
    return {
      ok: true,
      value: {
        kind: 'change',
        notificationType,
        resourceTypeId: resource.typeId,
        resourceId: resource.id,
        version,
        dedupKey: `${resource.id}:v${version}`,
      },
    };
  }

  return { ok: false, reason: `notificationType: "${notificationType}" is not supported` };
}

export interface PubSubPushEnvelope {
  message: {
    data: string;
    attributes: Record<string, string>;
    messageId: string;
    message_id: string;
    publishTime: string;
    publish_time: string;
  };
  subscription: string;
}

/** Wraps a payload the way a Google Pub/Sub push subscription delivers it (used by the sandbox and tests). */
export function encodePubSubEnvelope(
  payload: unknown,
  messageId: string,
  options: { publishTime?: string; subscription?: string; attributes?: Record<string, string> } = {},
): PubSubPushEnvelope {
  const publishTime = options.publishTime ?? systemClock.now().toISOString();
  return {
    message: {
      data: Buffer.from(JSON.stringify(payload), 'utf8').toString('base64'),
      attributes: options.attributes ?? {},
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
    },
    subscription: options.subscription ?? 'projects/ct-friendbuy/subscriptions/commercetools',
  };
}

function parseJson(raw: string | Uint8Array): { ok: true; value: unknown; text: string } | { ok: false } {
  try {
    const text =
      typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
    return { ok: true, value: JSON.parse(text), text };
  } catch {
    return { ok: false };
  }
}

// One flat character class: a grouped pattern (`(?:[…]{4})*`) recurses per group and overflows the stack on
// the megabytes of base64 a large order is.
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64, padded or not (a padded one has a length that is a multiple of 4). */
function isBase64(text: string): boolean {
  if (text.length % 4 === 1 || !BASE64_CHARACTERS.test(text)) return false;
  return !text.endsWith('=') || text.length % 4 === 0;
}

function decodeBase64Json(data: string): { value: unknown; text: string } | undefined {
  const bytes = base64Bytes(data);
  if (!bytes) return undefined;
  const parsed = parseJson(bytes);
  return parsed.ok ? { value: parsed.value, text: parsed.text } : undefined;
}

function base64Bytes(data: string): Buffer | undefined {
  const bytes = Buffer.from(data, 'base64');
  // What a standard encoder writes (Pub/Sub's, padded, no whitespace) encodes back to itself: checked in a
  // third of the time the character scan takes on an order's kilobytes. Anything else gets the full check.
  if (bytes.toString('base64') === data) return bytes;
  const compact = /\s/.test(data) ? data.replace(/\s+/g, '') : data;
  return isBase64(compact) ? Buffer.from(compact, 'base64') : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

/** "message.data.resource.id: expected string, received undefined" — the first problem, naming the field. */
function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return prefix ? `${prefix} is invalid` : 'payload is invalid';
  const path = issue.path.map(String).reduce(join, prefix) || '(root)';
  return `${path}: ${issue.message.replace(/^Invalid input: /, '')}`;
}
