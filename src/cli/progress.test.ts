import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

const recorder = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, columns: 100, written, write: (text: string) => written.push(text) };
};

describe('progress on stderr', () => {
  it('redraws one line on a terminal', () => {
    const stream = recorder(true);
    let now = 0;
    const progress = createProgress(4, 'codes', stream, () => now);
    progress.update(0);
    now = 1000;
    progress.update(2);
    progress.finish();
    expect(stream.written[1]).toMatch(/^\r\[#+-+\] 2\/4 50% 2\.0 codes\/s/);
    expect(stream.written.at(-1)).toBe('\n');
  });

  it('counts only what a resumed run did itself', () => {
    const stream = recorder(false);
    let now = 0;
    const progress = createProgress(100, 'codes', stream, () => now);
    progress.update(60);
    now = 2000;
    progress.update(100);
    expect(stream.written.at(-1)).toBe('100/100 codes (100%) 20.0 codes/s\n');
  });

  it('prints plain lines every 10 % when not a terminal', () => {
    const stream = recorder(false);
    const progress = createProgress(100, 'codes', stream, () => 0);
    for (let done = 0; done <= 100; done++) progress.update(done);
    expect(stream.written).toHaveLength(11);
    expect(stream.written.at(-1)).toBe('100/100 codes (100%)\n');
  });
});
