import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash.js';

describe('operator password hashes', () => {
  it('checks a password against its scrypt hash, salted anew each time', async () => {
    const [one, two] = [await hashPassword('open sesame please'), await hashPassword('open sesame please')];
    expect(one).not.toBe(two);
    expect(isPasswordHash(one)).toBe(true);
    expect(await verifyPassword('open sesame please', one)).toBe(true);
    expect(await verifyPassword('open sesame pleasE', one)).toBe(false);
  });

  it('refuses hashes it cannot read or whose cost would exhaust the server', async () => {
    const hash = await hashPassword('open sesame please');
    const [, , , , salt, key] = hash.split('$');
    for (const bad of [
      'plain',
      `scrypt$1000$8$1$${salt}$${key}`,
      `scrypt$1073741824$8$1$${salt}$${key}`,
      `bcrypt$${key}`,
    ]) {
      expect(isPasswordHash(bad)).toBe(false);
      expect(await verifyPassword('open sesame please', bad)).toBe(false);
    }
  });
});
