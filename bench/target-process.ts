// Child-process entry of one target of the event intake (bare route, no store, PostgreSQL server, embedded store)
// or of the cart extension (bare route, PostgreSQL server, embedded store). Each runs in a fresh process,
// compiled as `npm start` runs the connector: its peak RSS is what a connector serving that store holds, not what
// the targets before it left in a shared heap; no target inherits another's warmed-up JIT or garbage; and no
// TypeScript loader adds its own work (tsx keeps every function's name with a call each time a closure is made).
// The whole connector's code is loaded too, as in a real connector process, though only one route serves.
import '../src/connector.js';
import { benchExtensionTarget } from './extension.js';
import { benchBare, benchNoStore, benchStore, type IntakeOptions, type Target } from './intake.js';

type Plan = {
  part: 'intake' | 'extension';
  target: Target;
  options: IntakeOptions & { databaseUrl: string };
};

process.once('message', async ({ part, target, options }: Plan) => {
  process.send?.(await bench(part, target, options), () => process.disconnect());
});

function bench(part: Plan['part'], target: Target, options: Plan['options']) {
  if (part === 'extension') {
    if (target === 'no store') throw new Error('the cart extension has no "no store" target');
    return benchExtensionTarget(target, options);
  }
  if (target === 'bare') return benchBare(options);
  if (target === 'no store') return benchNoStore(options);
  return benchStore(target, options);
}
