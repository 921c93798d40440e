// The sandbox's one-click demo sign-in: one demo person per role, so anyone trying the connector can see the
// console as a viewer, an agent, a reviewer or an admin without setting anything up.
import type { OperatorRole } from '../../domain/operators.js';
import type { Identity } from './sessions.js';

export function sandboxIdentity(role: OperatorRole): Identity {
  return { id: `sandbox:${role}`, name: `Demo ${role}`, role, source: 'sandbox' };
}
