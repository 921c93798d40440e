// The connector as `npm start` runs it: a real child process, its logs on stdout, signals to stop or kill it.
import { type ChildProcess, spawn } from 'node:child_process';

export interface ConnectorProcess {
  child: ChildProcess;
  output: () => string;
  /** What it wrote to stderr alone. */
  errors: () => string;
  /** Where it listens, once its "connector started" log line appears. */
  url: Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function startConnectorProcess(env: Record<string, string>): ConnectorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const started = output.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*connector started/);
      if (started?.[1]) resolve(started[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  // A process that is expected to fail never starts; its `url` is then simply not awaited.
  url.catch(() => undefined);
  return { child, output: () => output, errors: () => errors, url, exited };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx ct-friendbuy <args>` as a shopper of the README would (the same entry point, bin/ct-friendbuy.mjs). */
/** Runs `ct-friendbuy <args>`; `input`, when given, is piped to its standard input. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  const child = spawn(process.execPath, ['bin/ct-friendbuy.mjs', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
