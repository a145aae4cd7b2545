import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SignIn } from '../entities/sign-in.entity';

/** Rows removed per DELETE when purging, so a large purge never holds long locks. */
const PURGE_BATCH = 10_000;

@Injectable()
export class SignInRepository {
  constructor(@InjectRepository(SignIn) private readonly signIns: Repository<SignIn>) {}

  async record(userId: string, country: string | null, at: Date): Promise<void> {
    await this.signIns.insert({ userId, country, signedInAt: at });
  }

  /** Deletes the sign-ins recorded before `before`, in batches; the number removed. */
  async purgeBefore(before: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const result: unknown = await this.signIns.query('DELETE FROM `sign_ins` WHERE `signed_in_at` < ? LIMIT ?', [
        before,
        PURGE_BATCH,
      ]);
      const affected = (result as { affectedRows?: number }).affectedRows ?? 0;
      removed += affected;
      if (affected < PURGE_BATCH) {
        return removed;
      }
    }
  }
}
