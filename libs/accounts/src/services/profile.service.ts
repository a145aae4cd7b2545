import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/common';
import { Language, User } from '../entities/user.entity';
import { UserRepository } from '../repositories/user.repository';

export interface ProfileChanges {
  displayName?: string;
  administration?: string;
  jobTitle?: string;
  preferredLanguage?: Language;
}

@Injectable()
export class ProfileService {
  constructor(private readonly users: UserRepository) {}

  async get(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.unauthorized();
    }
    return user;
  }

  async update(userId: string, changes: ProfileChanges): Promise<User> {
    const trimmed = Object.fromEntries(
      Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
    ) as ProfileChanges;
    if (Object.keys(trimmed).length > 0) {
      await this.users.update(userId, trimmed);
    }
    return this.get(userId);
  }

  search(q: string): Promise<User[]> {
    return this.users.search(q, 50);
  }
}
