// Password sign-in against the local operators file. An unknown email costs the same scrypt work as a wrong
// password and gets the same answer, so neither the answer nor its timing tells who is an operator.
import { hashPassword, verifyPassword } from '../../domain/password-hash.js';
import type { LocalOperator } from './operators-file.js';
import type { Identity } from './sessions.js';

let dummyHash: Promise<string> | undefined;

/** The operator the email and password name, or undefined for any mismatch. */
export async function checkPassword(
  operators: readonly LocalOperator[],
  email: string,
  password: string,
): Promise<Identity | undefined> {
  const operator = operators.find((known) => known.email === email.trim().toLowerCase());
  dummyHash ??= hashPassword('not an operator');
  const matches = await verifyPassword(password, operator?.passwordHash ?? (await dummyHash));
  if (!operator || !matches) return undefined;
  return { id: `local:${operator.email}`, name: operator.name, role: operator.role, source: 'local' };
}
