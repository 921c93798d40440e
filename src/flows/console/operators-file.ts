// The local operators file (CONSOLE_OPERATORS_FILE): the people who sign in to the console with a password, for
// merchants without an identity provider. A JSON or YAML list of {email, name, role, passwordHash}; checked at
// start, so a typo stops the connector with the entry named rather than locking someone out later.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../config.js';
import { OPERATOR_ROLES, type OperatorRole } from '../../domain/operators.js';
import { isPasswordHash } from '../../domain/password-hash.js';

export interface LocalOperator {
  /** Lower-cased; the operator's id is `local:<email>`. */
  email: string;
  name: string;
  role: OperatorRole;
  passwordHash: string;
}

const entrySchema = z.strictObject({
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(OPERATOR_ROLES),
  passwordHash: z.string().refine(isPasswordHash, {
    message:
      'is not a scrypt hash as `ct-friendbuy operators hash-password` writes it (scrypt$N$r$p$salt$hash)',
  }),
});

const isYaml = (file: string) => /\.ya?ml$/i.test(file);

/** The file's problems, each naming the entry and field, or its operators. */
function parseOperators(text: string, file: string): { operators: LocalOperator[] } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = isYaml(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    return { problems: [`is not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`] };
  }
  if (raw === null || raw === undefined) return { operators: [] };
  if (!Array.isArray(raw)) return { problems: ['must be a list of {email, name, role, passwordHash}'] };
  const problems: string[] = [];
  const operators: LocalOperator[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const parsed = entrySchema.safeParse(entry);
    const label = `entry ${index + 1}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}: ${issue.path.join('.') || 'entry'} ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.email)) problems.push(`${label}: email appears twice`);
    seen.add(parsed.data.email);
    operators.push(parsed.data);
  });
  return problems.length > 0 ? { problems } : { operators };
}

/** Reads and checks the file at start; a ConfigError names every problem. */
export function loadOperatorsFile(file: string | undefined): LocalOperator[] {
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`CONSOLE_OPERATORS_FILE ${file} cannot be read: ${(error as Error).message}`]);
  }
  const parsed = parseOperators(text, file);
  if ('problems' in parsed)
    throw new ConfigError(parsed.problems.map((problem) => `CONSOLE_OPERATORS_FILE ${file}: ${problem}`));
  return parsed.operators;
}

/** Appends one operator to the file (creating it), in the file's own format; refuses an email already there. */
export function addOperatorToFile(file: string, operator: LocalOperator): void {
  const existing = existsSync(file) ? loadOperatorsFile(file) : [];
  const entry = entrySchema.parse(operator);
  if (existing.some((known) => known.email === entry.email))
    throw new ConfigError([`CONSOLE_OPERATORS_FILE ${file}: ${entry.email} is already an operator`]);
  const all = [...existing, entry];
  writeFileSync(file, isYaml(file) ? stringifyYaml(all) : `${JSON.stringify(all, null, 2)}\n`, {
    mode: 0o600,
  });
}
