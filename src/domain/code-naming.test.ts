import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  commercetoolsVariants,
  derivedCode,
  generatedCode,
  toCodeBankCsv,
} from './code-naming.js';

describe('code naming', () => {
  it('generates prefix + random symbols from the unambiguous alphabet, lowercase as Friendbuy hands them out', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 6, max: 32 }),
        (bytes, length) => {
          const code = generatedCode('US-', length, bytes);
          expect(code.startsWith('us-')).toBe(true);
          expect(code).toBe(code.toLowerCase());
          expect(code).toHaveLength(3 + length);
          for (const symbol of code.slice(3)) expect(CODE_ALPHABET).toContain(symbol.toUpperCase());
        },
      ),
    );
  });

  it('derives the same replacement code from the same seed', () => {
    expect(derivedCode('EU-', 10, 'reissue:r1:o1')).toBe(derivedCode('EU-', 10, 'reissue:r1:o1'));
    expect(derivedCode('EU-', 10, 'reissue:r1:o1')).not.toBe(derivedCode('EU-', 10, 'reissue:r1:o2'));
  });

  it('looks for a code as given, lowercase and uppercase', () => {
    expect(commercetoolsVariants(' Friend10 ')).toEqual(['Friend10', 'friend10', 'FRIEND10']);
    expect(commercetoolsVariants('abc')).toEqual(['abc', 'ABC']);
  });

  it('writes the code-bank CSV without a header, one lowercase code per line', () => {
    expect(toCodeBankCsv(['US-ABC9', 'US-XYZ2'])).toBe('us-abc9\nus-xyz2\n');
    expect(toCodeBankCsv([])).toBe('');
    expect(() => toCodeBankCsv(['a,b'])).toThrow(RangeError);
  });
});
