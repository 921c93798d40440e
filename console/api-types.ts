// The admin API's answers as the console reads them (docs/console.md, the console contract). The console is
// bundled on its own and imports nothing from the connector, so the shapes are written down here.

export type OperatorRole = 'viewer' | 'agent' | 'reviewer' | 'admin';
export type Permission =
  | 'read'
  | 'see-personal-data'
  | 'retry-effects'
  | 'reissue-coupons'
  | 'decide-reviews'
  | 'run-operations'
  | 'manage-operators';

export interface Operator {
  id: string;
  name: string;
  role: OperatorRole;
  via: 'session' | 'token';
}

/** GET /admin/api/session */
export interface Session {
  operator: Operator;
  permissions: Permission[];
  /** Null when the bearer token authenticated the request (no cookie, so no CSRF token either). */
  csrfToken: string | null;
  expiresAt: string | null;
}

/** GET /admin/api/session/methods */
export interface SignInMethods {
  sandbox: { roles: OperatorRole[] } | null;
  oidc: { label: string; startUrl: string } | null;
  password: boolean;
}

/** Integer minor units, as commercetools counts them. */
export interface Money {
  centAmount: number;
  currencyCode: string;
  fractionDigits: number;
}

export interface PersonRef {
  /** As the ledger names people: `customer:<id>` or `email:<hash>`. */
  key: string;
  customerId: string | null;
  /** The full name or email for operators who may see it, else masked (`a•••@example.com`). */
  displayName: string;
  email: string | null;
}

export interface FiredSignal {
  signal: string;
  action: string;
  weight: number;
  explanation?: string;
}

export type ReviewStatus = 'open' | 'approved' | 'rejected';

export interface ReviewListItem {
  id: number;
  orderId: string;
  orderNumber?: string | null;
  campaignId: string;
  status: ReviewStatus;
  score: number;
  signals: FiredSignal[];
  openedAt: string;
  decideBy?: string | null;
  advocate?: PersonRef | null;
  friend?: PersonRef | null;
  decided?: { decision: string; by: string; at: string; reason: string | null } | null;
}

export interface ReviewList {
  reviews: ReviewListItem[];
  next: number | string | null;
}

export interface StoryEvent {
  type: string;
  at: string;
  summary: string;
}

export interface PersonSummary extends PersonRef {
  orders: { orderId: string; orderNumber: string | null; createdAt: string | null; total: Money | null }[];
  referrals?: {
    /** Referred orders this person brought as advocate, by the fraud check's verdict. */
    asAdvocate: { orders: number; approved: number; held: number; rejected: number };
    /** Referred orders this person placed as a friend. */
    asFriend: number;
  };
}

export interface AuditEntry {
  id?: string | number;
  at: string;
  operator: { id: string; name: string; role?: string };
  action: string;
  subject: string | null;
  reason: string | null;
  details?: Record<string, unknown> | null;
  correlationId?: string | null;
}

export interface OrderEligibility {
  status: 'eligible' | 'pending' | 'ineligible';
  reasons: { code: string; message: string }[];
  until: string | null;
}

/** Who decided a case, from the audit trail (operator actions) or the case's own record. */
export interface CaseDecision {
  action: string;
  by: string;
  at: string;
  reason: string | null;
  source?: 'audit' | 'case';
}

/** GET /admin/api/reviews/:id */
export interface ReviewCase extends ReviewListItem {
  decidedBy?: string | null;
  decidedAt?: string | null;
  reason?: string | null;
  advocate?: PersonSummary | null;
  friend?: PersonSummary | null;
  timeline?: StoryEvent[];
  decisions?: CaseDecision[];
  order?: { orderId: string; eligibility: OrderEligibility | null };
}

export type SearchKind = 'person' | 'order' | 'referral-code' | 'coupon' | 'reward';

export interface SearchResult {
  kind: SearchKind;
  title: string;
  subtitle: string;
  personKey: string | null;
  orderId: string | null;
}

export interface PersonReward {
  rewardId: string;
  state: string;
  stateInWords: string;
  amount: Money | null;
  coupon: { code: string; redeemed: boolean } | null;
  history: StoryEvent[];
  hold: { reason: string; until?: string | null } | null;
  canReissue: boolean;
  orderId?: string | null;
}

/** GET /admin/api/people/:key */
export interface PersonStory {
  person: PersonRef;
  asAdvocate: {
    referralCodes: string[];
    /** Shares, clicks, email captures, sign-ups and purchases on the advocate's funnel. */
    funnel: Record<string, number>;
    friends: {
      friend: PersonRef | null;
      orderId: string;
      orderNumber: string | null;
      placedAt?: string | null;
      fraudVerdict?: string | null;
      status: string | null;
      rewardState: string | null;
    }[];
  } | null;
  asFriend: {
    referredBy: PersonRef | null;
    orders: { orderId: string; orderNumber: string | null; createdAt: string | null; total?: Money | null }[];
  } | null;
  rewards: PersonReward[];
  codes: {
    code: string;
    kind: string;
    issuedAt: string | null;
    redeemedAt: string | null;
    redeemedOrderId?: string | null;
  }[];
}

export interface DashboardBucket {
  bucketStart: string;
  shares: number;
  clicks: number;
  signUps: number;
  referredOrders: number;
  rewardsIssued: number;
  rewardsReversed: number;
  rewardsHeld: number;
}

/** GET /admin/api/dashboard */
export interface Dashboard {
  period: { from: string; to: string; bucket: 'day' | 'week' };
  filters: {
    campaigns: { id: string; name: string }[];
    stores: (string | { key: string; name?: string })[];
    currencies: string[];
  };
  totals: Omit<DashboardBucket, 'bucketStart'> & {
    conversion: { clickToSignUp: number | null; clickToOrder: number | null };
    referredRevenue: { currencyCode: string; net: Money }[];
  };
  series: DashboardBucket[];
  topAdvocates: { advocate: PersonRef; referredOrders: number; revenue: Money[] }[];
  holdsBySignal: { signal: string; count: number }[];
  codeStock: { campaignId: string; available: number; lowStock: boolean; threshold: number }[];
}

/** GET /admin/api/outbox?status=dead: an effect the outbox gave up on, with the remote system's last answer. */
export interface OutboxJob {
  id: number;
  kind: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  lastError: string | null;
  correlationId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /admin/api/on-call */
export interface OnCall {
  deadLetters: {
    count: number;
    /** The effect that has waited longest, with what the remote system last answered. */
    oldest: {
      id: number;
      kind: string;
      deadSince: string;
      attempts: number;
      lastError: string | null;
    } | null;
  };
  delivery: Record<string, unknown> | null;
  ledger: { verifiedAt: string | null; ok: boolean | null; breaks: number | null; events?: number | null };
  outbox: { pending: number; failed: number };
}

export interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  source: 'oidc' | 'local' | 'sandbox';
  lastSignedInAt: string | null;
  activeSessions: number;
}

/** The app's error answer (its one error handler): `{ statusCode, code, message, correlationId }`. */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  correlationId?: string;
  error?: { code: string; message: string };
}
