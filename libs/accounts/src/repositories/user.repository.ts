import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, IsNull, LessThanOrEqual, Repository, SelectQueryBuilder } from 'typeorm';
import { User, UserRole, UserStatus } from '../entities/user.entity';
import { CountryScope } from './country-scope';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface RegistrationFilter {
  status?: UserStatus;
  q?: string;
  country?: string;
  page: number;
  pageSize: number;
}

type UserChanges = Partial<
  Pick<
    User,
    | 'passwordHash'
    | 'role'
    | 'status'
    | 'displayName'
    | 'tokenVersion'
    | 'emailVerifiedAt'
    | 'pendingSince'
    | 'remindedAt'
    | 'escalatedAt'
    | 'administration'
    | 'jobTitle'
    | 'preferredLanguage'
  >
>;

/** A directory filter; `coordinator` means an appointment active now. */
export type DirectoryRole = UserRole | 'coordinator';

export interface DirectoryFilter {
  q?: string;
  country?: string;
  role?: DirectoryRole;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  private repo(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.users;
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  async insert(user: User, manager?: EntityManager): Promise<void> {
    await this.repo(manager).insert(user);
  }

  async update(id: string, changes: UserChanges, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  /** Changes the status only if it still is `from`: concurrent decisions cannot both win. */
  async transition(
    id: string,
    from: UserStatus,
    changes: UserChanges & { status: UserStatus },
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repo(manager).update({ id, status: from }, changes);
    return (result.affected ?? 0) === 1;
  }

  count(): Promise<number> {
    return this.users.count();
  }

  private scoped(scope: CountryScope): SelectQueryBuilder<User> | null {
    const query = this.users.createQueryBuilder('user').where('user.role = :learner', { learner: UserRole.Learner });
    if (scope.kind === 'countries') {
      if (scope.countries.length === 0) {
        return null;
      }
      query.andWhere('user.country IN (:...countries)', { countries: scope.countries });
    }
    return query;
  }

  /** Registrations (learner accounts) in the scope, newest first. */
  async findRegistrations(scope: CountryScope, filter: RegistrationFilter): Promise<{ items: User[]; total: number }> {
    const query = this.scoped(scope);
    if (!query) {
      return { items: [], total: 0 };
    }
    if (filter.status) {
      query.andWhere('user.status = :status', { status: filter.status });
    }
    if (filter.country) {
      query.andWhere('user.country = :country', { country: filter.country });
    }
    const q = filter.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      query.andWhere(
        new Brackets((where) =>
          where
            .where('user.email LIKE :like', { like })
            .orWhere('user.display_name LIKE :like', { like })
            .orWhere('user.administration LIKE :like', { like }),
        ),
      );
    }
    const [items, total] = await query
      .orderBy('user.created_at', 'DESC')
      .addOrderBy('user.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** One registration, only if it lies in the scope. */
  async findRegistration(scope: CountryScope, userId: string): Promise<User | null> {
    const query = this.scoped(scope);
    return query ? query.andWhere('user.id = :userId', { userId }).getOne() : null;
  }

  async findRegistrationsByIds(scope: CountryScope, userIds: string[]): Promise<User[]> {
    const query = this.scoped(scope);
    return query && userIds.length > 0 ? query.andWhere('user.id IN (:...userIds)', { userIds }).getMany() : [];
  }

  /** Pending registrations waiting since before `cutoff` and not yet reminded (or escalated). */
  findPendingSince(cutoff: Date, notYet: 'remindedAt' | 'escalatedAt'): Promise<User[]> {
    return this.users.find({
      where: {
        status: UserStatus.Pending,
        role: UserRole.Learner,
        pendingSince: LessThanOrEqual(cutoff),
        [notYet]: IsNull(),
      },
      order: { pendingSince: 'ASC' },
      take: 5000,
    });
  }

  async markNotified(ids: string[], field: 'remindedAt' | 'escalatedAt', at: Date): Promise<void> {
    if (ids.length > 0) {
      await this.users.update({ id: In(ids) }, { [field]: at });
    }
  }

  findActiveAdmins(): Promise<User[]> {
    return this.users.findBy({ role: UserRole.Admin, status: UserStatus.Active });
  }

  /** The accounts holding these (normalised) addresses: id, email and country only. */
  findByEmails(emails: string[]): Promise<Array<Pick<User, 'id' | 'email' | 'country'>>> {
    return emails.length === 0
      ? Promise.resolve([])
      : this.users.find({ select: { id: true, email: true, country: true }, where: { email: In(emails) } });
  }

  /**
   * Inserts many accounts in one statement, skipping any whose address is taken by then (a
   * concurrent run of the same file). Returns the ids actually inserted.
   */
  async insertManyIgnoringTaken(users: User[], manager: EntityManager): Promise<Set<string>> {
    if (users.length === 0) {
      return new Set();
    }
    await manager.createQueryBuilder().insert().into(User).values(users).orIgnore().updateEntity(false).execute();
    const inserted = await manager
      .getRepository(User)
      .find({ select: { id: true }, where: { id: In(users.map((user) => user.id)) } });
    return new Set(inserted.map((user) => user.id));
  }

  findAllByIds(ids: string[]): Promise<User[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In(ids) });
  }

  /** Accounts whose email or name contains `q`, for the Secretariat's user search. */
  search(q: string, limit: number): Promise<User[]> {
    const like = `%${escapeLike(q.trim())}%`;
    return this.users
      .createQueryBuilder('user')
      .where('user.email LIKE :like OR user.display_name LIKE :like', { like })
      .orderBy('user.display_name', 'ASC')
      .limit(limit)
      .getMany();
  }

  findActiveByIds(ids: string[]): Promise<User[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In(ids), status: UserStatus.Active });
  }

  /**
   * The people a caller may administer: every account for the Secretariat; for a coordinator, the
   * non-admin accounts of their countries (docs/people.md). The scope is part of the query.
   */
  private directoryScope(scope: CountryScope): SelectQueryBuilder<User> | null {
    const query = this.users.createQueryBuilder('user');
    if (scope.kind === 'countries') {
      if (scope.countries.length === 0) {
        return null;
      }
      query
        .where('user.country IN (:...countries)', { countries: scope.countries })
        .andWhere('user.role <> :admin', { admin: UserRole.Admin });
    }
    return query;
  }

  async findDirectory(
    scope: CountryScope,
    filter: DirectoryFilter,
    at: Date,
  ): Promise<{ items: User[]; total: number }> {
    const query = this.directoryScope(scope);
    if (!query) {
      return { items: [], total: 0 };
    }
    const q = filter.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      query.andWhere(
        new Brackets((where) =>
          where.where('user.email LIKE :like', { like }).orWhere('user.display_name LIKE :like', { like }),
        ),
      );
    }
    if (filter.country) {
      query.andWhere('user.country = :country', { country: filter.country });
    }
    if (filter.status) {
      query.andWhere('user.status = :status', { status: filter.status });
    }
    if (filter.role === 'coordinator') {
      query.andWhere(
        `EXISTS (SELECT 1 FROM coordinator_appointments a WHERE a.user_id = user.id AND a.starts_at <= :at
          AND (a.ends_at IS NULL OR a.ends_at > :at))`,
        { at },
      );
    } else if (filter.role) {
      query.andWhere('user.role = :role', { role: filter.role });
    }
    const [items, total] = await query
      .orderBy('user.display_name', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** One account, only if it lies in the caller's directory scope. */
  async findInDirectory(scope: CountryScope, userId: string): Promise<User | null> {
    const query = this.directoryScope(scope);
    return query ? query.andWhere('user.id = :userId', { userId }).getOne() : null;
  }
}
