import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  async insert(user: User): Promise<void> {
    await this.users.insert(user);
  }

  async update(
    id: string,
    changes: Partial<
      Pick<User, 'passwordHash' | 'role' | 'status' | 'displayName' | 'tokenVersion' | 'emailVerifiedAt'>
    >,
  ): Promise<void> {
    await this.users.update({ id }, changes);
  }

  count(): Promise<number> {
    return this.users.count();
  }
}
