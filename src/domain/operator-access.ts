// What the console tells an operator who may not do something, and which role an identity provider's claim
// grants. Both are words and tables, so the guard and the sign-in stay plain.
import { OPERATOR_ROLES, type OperatorRole, type Permission } from './operators.js';

const WHAT: Readonly<Record<Permission, string>> = {
  read: 'read the admin API',
  'see-personal-data': 'see emails and addresses',
  'retry-effects': 'retry effects',
  'reissue-coupons': 're-issue coupons',
  'decide-reviews': 'decide review cases',
  'run-operations': 'run backfills, reconciliations, code batches, analytics pulls or privacy requests',
  'manage-operators': 'manage operators',
};

/** The refusal the console shows, e.g. "a viewer cannot decide review cases". */
export function refusalMessage(role: OperatorRole, permission: Permission): string {
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  return `${article} ${role} cannot ${WHAT[permission]}`;
}

/** Identity-provider group or role names → console roles (`CONSOLE_OIDC_ROLE_MAP`). */
export type RoleMap = Readonly<Record<string, OperatorRole>>;

/**
 * The console role a claim grants: the most powerful role any of its values maps to. With no map, values that
 * are role names (`reviewer`) grant that role. Undefined when nothing maps: the person is refused.
 * @example roleFromClaim(['ct-fraud', 'staff'], { 'ct-fraud': 'reviewer' }) // 'reviewer'
 */
export function roleFromClaim(claim: unknown, map: RoleMap): OperatorRole | undefined {
  const values = (Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [])
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim());
  const mapped = values.map((value) =>
    Object.keys(map).length > 0
      ? map[value]
      : (OPERATOR_ROLES as readonly string[]).includes(value)
        ? value
        : undefined,
  );
  let best: OperatorRole | undefined;
  for (const role of mapped)
    if (role && (!best || OPERATOR_ROLES.indexOf(role as OperatorRole) > OPERATOR_ROLES.indexOf(best)))
      best = role as OperatorRole;
  return best;
}
