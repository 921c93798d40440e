// Runs one bench part (a target of the event intake, the Friendbuy webhooks or the cart extension; the sandbox
// end to end) in a process of its own, compiled as `npm start` runs the connector (plain JavaScript from
// esbuild, no TypeScript loader), and returns what it measured. Each part then starts from a fresh heap: its peak
// RSS is what a connector doing that work holds, not what the parts before it left in the bench's process, and no
// part inherits another's JIT or garbage.
import { fork } from 'node:child_process';
import type { E2eOptions, E2eResult } from './e2e.js';
import type { IntakeOptions, IntakeResult, Target } from './intake.js';

type StoreOptions = IntakeOptions & { databaseUrl: string };

export type ChildRequest =
  | { part: 'intake'; target: Target; options: StoreOptions }
  | { part: 'extension' | 'webhooks'; target: Exclude<Target, 'no store'>; options: StoreOptions }
  | { part: 'e2e'; options: E2eOptions };

type ResultOf<R extends ChildRequest> = R extends { part: 'e2e' } ? E2eResult : IntakeResult;

export async function inCompiledChild<R extends ChildRequest>(request: R): Promise<ResultOf<R>> {
  // Imported here, not at the top: this module is part of that copy too, which has no bin/.
  const { devBuild } = await import('../bin/dev-build.mjs');
  const copy = await devBuild(['src', 'bench']);
  const child = fork(new URL('bench/child-process.js', copy), { serialization: 'advanced', execArgv: [] });
  const what = 'target' in request ? `${request.part} bench of ${request.target}` : `${request.part} bench`;
  return new Promise<ResultOf<R>>((resolve, reject) => {
    child.once('message', (result) => resolve(result as ResultOf<R>));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${what} exited early (code ${code})`)));
    child.send(request);
  });
}
