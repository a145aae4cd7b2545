import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupMembership, GroupRole, MembershipState } from '../entities/group-membership.entity';
import { GroupPostAttachment } from '../entities/group-post-attachment.entity';
import { GroupPost } from '../entities/group-post.entity';
import { GroupThread } from '../entities/group-thread.entity';

export interface ThreadAccess {
  thread: GroupThread;
  group: CommunityGroup;
  role: GroupRole;
}

export interface PostAccess extends ThreadAccess {
  post: GroupPost;
}

interface AccessRow {
  caller_role: GroupRole;
}

/**
 * Threads with their posts and attachments. Reads a caller triggers join the caller's active
 * membership of the thread's group in the same statement.
 */
@Injectable()
export class ThreadRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GroupThread) private readonly threads: Repository<GroupThread>,
    @InjectRepository(GroupPost) private readonly posts: Repository<GroupPost>,
    @InjectRepository(GroupPostAttachment) private readonly attachments: Repository<GroupPostAttachment>,
  ) {}

  private memberJoin(callerId: string) {
    return {
      condition: 'm.group_id = g.id AND m.user_id = :callerId AND m.state = :active',
      parameters: { callerId, active: MembershipState.Active },
    };
  }

  async findForMember(threadId: string, callerId: string): Promise<ThreadAccess | null> {
    const join = this.memberJoin(callerId);
    const result = await this.threads
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.group', CommunityGroup, 'g', 'g.id = t.group_id')
      .innerJoin(GroupMembership, 'm', join.condition, join.parameters)
      .addSelect('m.role', 'caller_role')
      .where('t.id = :threadId', { threadId })
      .getRawAndEntities();
    const thread = result.entities[0] as (GroupThread & { group: CommunityGroup }) | undefined;
    if (!thread) {
      return null;
    }
    const { group, ...rest } = thread;
    return {
      thread: Object.assign(new GroupThread(), rest),
      group,
      role: (result.raw[0] as AccessRow).caller_role,
    };
  }

  async findPostForMember(postId: string, callerId: string): Promise<PostAccess | null> {
    const post = await this.posts
      .createQueryBuilder('p')
      .innerJoin(GroupThread, 't', 't.id = p.thread_id')
      .innerJoin(CommunityGroup, 'g', 'g.id = t.group_id')
      .innerJoin(GroupMembership, 'm', this.memberJoin(callerId).condition, this.memberJoin(callerId).parameters)
      .where('p.id = :postId', { postId })
      .getOne();
    const access = post ? await this.findForMember(post.threadId, callerId) : null;
    return post && access ? { ...access, post } : null;
  }

  /** Threads of a group the caller is an active member of: pinned first, then by last activity. */
  listForMember(groupId: string, callerId: string): Promise<GroupThread[]> {
    const join = this.memberJoin(callerId);
    return this.threads
      .createQueryBuilder('t')
      .innerJoin(CommunityGroup, 'g', 'g.id = t.group_id')
      .innerJoin(GroupMembership, 'm', join.condition, join.parameters)
      .where('t.group_id = :groupId', { groupId })
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('t.last_post_at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .limit(500)
      .getMany();
  }

  postsOf(threadId: string): Promise<GroupPost[]> {
    return this.posts.find({ where: { threadId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  attachmentsOf(postIds: string[]): Promise<GroupPostAttachment[]> {
    return postIds.length === 0 ? Promise.resolve([]) : this.attachments.findBy({ postId: In(postIds) });
  }

  async createThread(thread: GroupThread, post: GroupPost, fileIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(GroupThread, thread);
      await manager.insert(GroupPost, post);
      if (fileIds.length > 0) {
        await manager.insert(
          GroupPostAttachment,
          fileIds.map((fileId) => ({ postId: post.id, fileId })),
        );
      }
    });
  }

  async addPost(post: GroupPost, fileIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(GroupPost, post);
      if (fileIds.length > 0) {
        await manager.insert(
          GroupPostAttachment,
          fileIds.map((fileId) => ({ postId: post.id, fileId })),
        );
      }
      await manager
        .createQueryBuilder()
        .update(GroupThread)
        .set({ postCount: () => 'post_count + 1', lastPostAt: post.createdAt })
        .where('id = :id', { id: post.threadId })
        .execute();
    });
  }

  async updateThread(threadId: string, changes: Partial<Pick<GroupThread, 'title' | 'pinned'>>): Promise<void> {
    await this.threads.update({ id: threadId }, changes);
  }

  async updatePost(postId: string, changes: Pick<GroupPost, 'bodySource' | 'bodyHtml' | 'editedAt'>): Promise<void> {
    await this.posts.update({ id: postId, deletedAt: IsNull() }, changes);
  }

  /** Empties a post and its attachments; it keeps its place in the thread. */
  async deletePost(postId: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(GroupPost, { id: postId }, { bodySource: '', bodyHtml: '', deletedAt: at });
      await manager.delete(GroupPostAttachment, { postId });
    });
  }

  /** Removes the thread; its posts and their attachments go with it (foreign keys, ON DELETE CASCADE). */
  async deleteThread(threadId: string): Promise<void> {
    await this.threads.delete({ id: threadId });
  }

  /**
   * For the daily digest: per active member, the threads of their unarchived groups with posts by
   * others in (from, to], and how many.
   */
  activityBetween(from: Date, to: Date): Promise<DigestRow[]> {
    return this.dataSource.query<DigestRow[]>(
      `SELECT m.user_id AS userId, g.name AS groupName, t.title AS threadTitle, COUNT(*) AS posts
       FROM group_posts p
       JOIN group_threads t ON t.id = p.thread_id
       JOIN community_groups g ON g.id = t.group_id AND g.archived_at IS NULL
       JOIN group_memberships m ON m.group_id = g.id AND m.state = 'active' AND m.user_id <> p.author_id
       WHERE p.created_at > ? AND p.created_at <= ? AND p.deleted_at IS NULL
       GROUP BY m.user_id, g.id, g.name, t.id, t.title
       ORDER BY m.user_id, g.name, t.title`,
      [from, to],
    );
  }
}

export interface DigestRow {
  userId: string;
  groupName: string;
  threadTitle: string;
  posts: string | number;
}
