// `ct-friendbuy operators`: hash a password for the local operators file, or add an operator to it. Passwords
// are read from the terminal without echo, or from standard input when piped, never from the command line,
// which shell histories and process lists keep.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { isOperatorRole, OPERATOR_ROLES } from '../domain/operators.js';
import { hashPassword } from '../domain/password-hash.js';
import { addOperatorToFile } from '../flows/console/operators-file.js';

const USAGE = `usage: ct-friendbuy operators hash-password
       ct-friendbuy operators add --email E --name N --role (${OPERATOR_ROLES.join('|')}) [--file F]`;
const MIN_PASSWORD = 12;

export async function operatorsCommand(args: string[], operatorsFile: string | undefined): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'hash-password') {
    process.stdout.write(`${await hashPassword(await readNewPassword())}\n`);
    return 0;
  }
  if (sub !== 'add') throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const file = values.file ?? operatorsFile;
  if (!values.email || !values.name || !values.role || !file)
    throw new Error(`${USAGE}\n(--file defaults to CONSOLE_OPERATORS_FILE)`);
  if (!isOperatorRole(values.role)) throw new Error(`--role must be one of ${OPERATOR_ROLES.join(', ')}`);
  const passwordHash = await hashPassword(await readNewPassword());
  try {
    addOperatorToFile(file, { email: values.email, name: values.name, role: values.role, passwordHash });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(error.problems.join('\n'));
    throw new Error(`${(error as Error).message.split('\n')[0]} (check --email and --name)`);
  }
  process.stdout.write(`added ${values.email.toLowerCase()} (${values.role}) to ${file}\n`);
  return 0;
}

async function readNewPassword(): Promise<string> {
  const password = process.stdin.isTTY
    ? await confirmedFromTerminal()
    : (await readAll(process.stdin)).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password must have at least ${MIN_PASSWORD} characters`);
  return password;
}

async function confirmedFromTerminal(): Promise<string> {
  const first = await promptHidden('Password: ');
  const again = await promptHidden('Again: ');
  if (first !== again) throw new Error('the passwords differ');
  return first;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** Reads one line from the terminal without showing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
