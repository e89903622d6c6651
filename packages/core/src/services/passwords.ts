import * as argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes); tests may lower the cost through `setPasswordCost`. */
let options: argon2.HashOptions & { raw?: false } = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function setPasswordCost(cost: 'default' | 'fast'): void {
  options =
    cost === 'fast'
      ? { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 }
      : { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no hash (unknown email) it still spends the time of a real
 * verification, so response times do not tell which emails have accounts.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('not-a-real-password', options);
    const dummy = await dummyHash;
    await argon2.verify(dummy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
