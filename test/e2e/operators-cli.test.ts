// `ct-friendbuy operators`: passwords hashed from standard input (never argv), operators added to the file in
// its own format, and a file the connector refuses at start naming the entry and field at fault.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../src/config.js';
import { verifyPassword } from '../../src/domain/password-hash.js';
import { loadOperatorsFile } from '../../src/flows/console/operators-file.js';
import { checkPassword } from '../../src/flows/console/password-sign-in.js';
import { runCli } from '../helpers/process.js';

const PASSWORD = 'a long enough passphrase';

describe('ct-friendbuy operators', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctfb-operators-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes a password read from standard input', async () => {
    const run = await runCli(['operators', 'hash-password'], {}, `${PASSWORD}\n`);
    expect(run.code).toBe(0);
    const hash = run.stdout.trim();
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('adds operators to a YAML file that then signs them in, and refuses a second entry for an email', async () => {
    const file = join(dir, 'operators.yaml');
    const env = { CONSOLE_OPERATORS_FILE: file };
    const add = (email: string, role: string) =>
      runCli(
        ['operators', 'add', '--email', email, '--name', `Person ${role}`, '--role', role],
        env,
        PASSWORD,
      );
    expect((await add('Agent@Shop.example', 'agent')).code).toBe(0);
    expect((await add('admin@shop.example', 'admin')).code).toBe(0);
    const entries = parseYaml(readFileSync(file, 'utf8')) as Array<{ email: string; role: string }>;
    expect(entries.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: 'agent@shop.example', role: 'agent' },
      { email: 'admin@shop.example', role: 'admin' },
    ]);
    const operators = loadOperatorsFile(file);
    expect(await checkPassword(operators, 'AGENT@shop.example', PASSWORD)).toEqual({
      id: 'local:agent@shop.example',
      name: 'Person agent',
      role: 'agent',
      source: 'local',
    });
    const again = await add('agent@shop.example', 'viewer');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('agent@shop.example is already an operator');
    const weak = await runCli(
      ['operators', 'add', '--email', 'x@shop.example', '--name', 'X', '--role', 'viewer'],
      env,
      'short',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
  });

  it('names the entry and the field of an operators file it cannot use', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify([
        { email: 'ok@shop.example', name: 'Ok', role: 'viewer', passwordHash: 'plain-text-password' },
        { email: 'ok@shop.example', name: 'Again', role: 'superuser', passwordHash: 'x' },
      ]),
    );
    let problems: string[] = [];
    try {
      loadOperatorsFile(file);
    } catch (error) {
      problems = (error as ConfigError).problems;
      expect(error).toBeInstanceOf(ConfigError);
    }
    expect(problems).toEqual([
      expect.stringMatching(
        /^CONSOLE_OPERATORS_FILE .*broken\.json: entry 1: passwordHash is not a scrypt hash/,
      ),
      expect.stringMatching(/entry 2: role /),
      expect.stringMatching(/entry 2: passwordHash /),
    ]);
  });
});
