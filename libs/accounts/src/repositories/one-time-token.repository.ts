import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { OneTimeToken, OneTimeTokenPurpose } from '../entities/one-time-token.entity';

@Injectable()
export class OneTimeTokenRepository {
  constructor(@InjectRepository(OneTimeToken) private readonly tokens: Repository<OneTimeToken>) {}

  async insert(token: OneTimeToken): Promise<void> {
    await this.tokens.insert(token);
  }

  async insertMany(tokens: OneTimeToken[], manager: EntityManager): Promise<void> {
    if (tokens.length > 0) {
      await manager.createQueryBuilder().insert().into(OneTimeToken).values(tokens).updateEntity(false).execute();
    }
  }

  findUsable(tokenHash: string, purpose: OneTimeTokenPurpose, at: Date): Promise<OneTimeToken | null> {
    return this.tokens.findOneBy({ tokenHash, purpose, usedAt: IsNull(), expiresAt: MoreThan(at) });
  }

  /** Spends the token; false if someone spent it first. */
  async spend(id: string, at: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager.getRepository(OneTimeToken).update({ id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) === 1;
  }

  /** Older unused tokens of the same purpose stop working once a new one is mailed. */
  async spendAllOfUser(userId: string, purpose: OneTimeTokenPurpose, at: Date): Promise<void> {
    await this.tokens.update({ userId, purpose, usedAt: IsNull() }, { usedAt: at });
  }
}
