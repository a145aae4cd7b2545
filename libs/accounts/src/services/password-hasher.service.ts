import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { Semaphore } from '@app/common';

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane. Changing these rehashes on next sign-in. */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The password hash of an account whose owner has not chosen a password yet (bulk onboarding,
 * docs/people.md): not an argon2 encoding, so nothing ever matches it. Saves the argon2 work of a
 * throw-away password per onboarded officer.
 */
export const UNSET_PASSWORD_HASH = '!unset';

/**
 * argon2id hashing with a bound on concurrent hashes, so a burst of sign-ins queues instead of
 * exhausting memory and the thread pool.
 */
@Injectable()
export class PasswordHasher {
  private readonly slots = new Semaphore(Math.max(2, availableParallelism()));
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, ARGON2_PARAMS));
  }

  /**
   * False for a malformed hash instead of throwing. A hash that is not argon2 (an account with no
   * password yet) costs the same work as a real one and is false: timing tells no stranger which
   * accounts have chosen a password.
   */
  verify(hash: string, password: string): Promise<boolean> {
    if (!hash.startsWith('$argon2')) {
      return this.verifyAgainstDummy(password);
    }
    return this.slots.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /** Spends the same work as a real verification, for unknown accounts. Always false. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash('clearance-dummy-password', ARGON2_PARAMS);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_PARAMS);
    } catch {
      return true;
    }
  }
}
