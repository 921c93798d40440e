// Who may do what in the operator console and the admin API. Four roles, each a fixed set of permissions; the
// admin API token (automation) acts as an admin. Routes ask for a permission, never for a role, so a new role
// is one line here.

export const OPERATOR_ROLES = ['viewer', 'agent', 'reviewer', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const PERMISSIONS = [
  /** Read queues, cases, timelines, dashboards, outbox and health (emails masked without `see-personal-data`). */
  'read',
  /** See emails and addresses, resolved live from commercetools. */
  'see-personal-data',
  /** Put dead-lettered effects back in the outbox. */
  'retry-effects',
  /** Issue a reward's coupon again. */
  'reissue-coupons',
  /** Approve or reject review cases. */
  'decide-reviews',
  /** Start backfills, reconciliations, code batches, analytics pulls; answer privacy requests. */
  'run-operations',
  /** Add, change and remove operators. */
  'manage-operators',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<OperatorRole, readonly Permission[]>> = {
  viewer: ['read'],
  agent: ['read', 'see-personal-data', 'retry-effects', 'reissue-coupons'],
  reviewer: ['read', 'see-personal-data', 'decide-reviews'],
  admin: PERMISSIONS,
};

export function can(role: OperatorRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: OperatorRole): Permission[] {
  return [...GRANTS[role]];
}

export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);
}

/** The person (or the automation token) behind a request, as the ledger's audit records name them. */
export interface Operator {
  /** Stable id: `oidc:<issuer sub>`, `local:<email>`, `sandbox:<role>`, or `token` for the admin API token. */
  id: string;
  /** What the console and the audit trail show. */
  name: string;
  role: OperatorRole;
  /** How they proved it: a console session, or the admin API bearer token. */
  via: 'session' | 'token';
}

/** The principal behind CONNECTOR_ADMIN_TOKEN: automation, with every permission. */
export const ADMIN_TOKEN_OPERATOR: Operator = {
  id: 'token',
  name: 'admin API token',
  role: 'admin',
  via: 'token',
};
