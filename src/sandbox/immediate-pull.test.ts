import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createImmediatePull } from './immediate-pull.js';

describe('the sandbox’s immediate analytics pull', () => {
  it('pulls once for a burst, once more for activity during a pull, and not after stop', async () => {
    let pulls = 0;
    let release: () => void = () => undefined;
    const pull = createImmediatePull(async () => {
      pulls++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }, 10);
    for (let i = 0; i < 5; i++) pull.request();
    await sleep(50);
    expect(pulls).toBe(1);
    pull.request(); // while the first pull runs
    await sleep(50);
    expect(pulls).toBe(1);
    release();
    await sleep(50);
    expect(pulls).toBe(2);
    const stopped = pull.stop();
    pull.request();
    release();
    await stopped;
    await sleep(50);
    expect(pulls).toBe(2);
  });
});
