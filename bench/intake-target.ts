// Child-process entry of one intake target (bare route, no store, PostgreSQL server, embedded store): each runs in a fresh
// process, so its peak RSS is what a connector serving that store holds, not what the targets before it left in
// a shared heap, and no target inherits another's warmed-up JIT or garbage.
// The whole connector's code is loaded too, as in a real connector process, though only the events route serves.
import '../src/connector.js';
import { benchBare, benchNoStore, benchStore, type IntakeOptions, type Target } from './intake.js';

process.once(
  'message',
  async (plan: { target: Target; options: IntakeOptions & { databaseUrl: string } }) => {
    const result =
      plan.target === 'bare'
        ? await benchBare(plan.options)
        : plan.target === 'no store'
          ? await benchNoStore(plan.options)
          : await benchStore(plan.target, plan.options);
    process.send?.(result, () => process.disconnect());
  },
);
