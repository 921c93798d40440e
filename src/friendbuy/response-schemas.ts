// Schemas for what the Merchant API sends back: responses are parsed at the edge like any inbound body,
// so the rest of the connector only sees typed values.
import { z } from 'zod';
import type {
  AuthorizationResponse,
  EventResponse,
  FriendbuyErrorBody,
  PersonalReferralLink,
  PersonalReferralLinkBatchResponse,
} from './types.js';

export const authorizationResponseSchema: z.ZodType<AuthorizationResponse> = z.object({
  tokenType: z.string(),
  token: z.string().min(1),
  expires: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date-time'),
});

export const eventResponseSchema: z.ZodType<EventResponse> = z.object({
  eventId: z.string(),
  createdOn: z.string(),
});

const personalReferralLinkShape = {
  link: z.string(),
  referralCode: z.string(),
  createdOn: z.string(),
};

export const personalReferralLinkSchema: z.ZodType<PersonalReferralLink> =
  z.object(personalReferralLinkShape);

export const personalReferralLinkBatchResponseSchema: z.ZodType<PersonalReferralLinkBatchResponse> = z.object(
  {
    purls: z.array(
      z.object({
        ...personalReferralLinkShape,
        email: z.string(),
        campaignId: z.string(),
        customerId: z.string().optional(),
      }),
    ),
  },
);

/** Extra keys (e.g. a possible `fields[]` on validation errors, S4) are kept for the operator to read. */
export const errorBodySchema: z.ZodType<FriendbuyErrorBody> = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  code: z.number().optional(),
  reference: z.string().optional(),
});
