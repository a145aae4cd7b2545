import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountsService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  AttachmentView,
  CreatePostDto,
  CreateThreadDto,
  PostView,
  ThreadSummaryView,
  ThreadView,
  UpdatePostDto,
  UpdateThreadDto,
} from '../dto/forum.dto';
import { CreatedDto } from '../dto/group.dto';
import { GroupRole } from '../entities/group-membership.entity';
import { GroupPost } from '../entities/group-post.entity';
import { GroupThread } from '../entities/group-thread.entity';
import { MarkdownRenderer } from '../markdown/markdown-renderer';
import { GroupFileRepository } from '../repositories/group-file.repository';
import { ThreadAccess, ThreadRepository } from '../repositories/thread.repository';
import { atLeast, GroupCaller, requireRole, requireWritable } from './group-policy';
import { GroupsService } from './groups.service';
import { MentionNotifier } from './mention-notifier.service';

/** Threads and posts of a group's forum. Authors edit and delete their own posts; moderators any. */
@Injectable()
export class ForumService {
  private readonly markdown = new MarkdownRenderer();

  constructor(
    private readonly groups: GroupsService,
    private readonly threads: ThreadRepository,
    private readonly files: GroupFileRepository,
    private readonly accounts: AccountsService,
    private readonly mentions: MentionNotifier,
  ) {}

  async list(caller: GroupCaller, groupId: string): Promise<ThreadSummaryView[]> {
    await this.groups.access(caller, groupId);
    const threads = await this.threads.listForMember(groupId, caller.id);
    const names = await this.names(threads.map((t) => t.authorId));
    return threads.map((thread) => this.summary(thread, names));
  }

  async create(caller: GroupCaller, groupId: string, body: CreateThreadDto): Promise<CreatedDto> {
    const access = await this.groups.access(caller, groupId);
    requireWritable(access.group);
    const attachmentIds = await this.checkAttachments(groupId, body.attachmentIds);
    const now = new Date();
    const thread = Object.assign(new GroupThread(), {
      id: randomUUID(),
      groupId,
      title: body.title,
      authorId: caller.id,
      pinned: false,
      postCount: 1,
      lastPostAt: now,
    });
    const post = this.newPost(thread.id, caller.id, body.body, now);
    await this.threads.createThread(thread, post, attachmentIds);
    await this.mentions.notify({ id: post.id, body: body.body, authorId: caller.id }, thread, access.group);
    return { id: thread.id };
  }

  async get(caller: GroupCaller, threadId: string): Promise<ThreadView> {
    const access = await this.threadAccess(caller, threadId);
    const posts = await this.threads.postsOf(threadId);
    const attachments = await this.threads.attachmentsOf(posts.map((p) => p.id));
    const files = await this.files.filesWithCurrentVersion(
      access.group.id,
      attachments.map((a) => a.fileId),
    );
    const fileViews = new Map<string, AttachmentView>(
      files.map((f) => [f.id, { fileId: f.id, name: f.name, sizeBytes: f.sizeBytes, contentType: f.contentType }]),
    );
    const names = await this.names([access.thread.authorId, ...posts.map((p) => p.authorId)]);
    const moderator = atLeast(access.role, GroupRole.Moderator);
    const writable = access.group.archivedAt === null;
    return {
      ...this.summary(access.thread, names),
      groupName: access.group.name,
      groupArchived: !writable,
      canModerate: moderator && writable,
      posts: posts.map((post): PostView => ({
        id: post.id,
        authorId: post.authorId,
        authorName: names.get(post.authorId) ?? '',
        bodySource: post.bodySource,
        bodyHtml: post.bodyHtml,
        editedAt: post.editedAt?.toISOString() ?? null,
        deleted: post.deletedAt !== null,
        createdAt: post.createdAt.toISOString(),
        canEdit: writable && post.deletedAt === null && (moderator || post.authorId === caller.id),
        attachments: attachments
          .filter((a) => a.postId === post.id)
          .map((a) => fileViews.get(a.fileId))
          .filter((view): view is AttachmentView => view !== undefined),
      })),
    };
  }

  /** Authors and moderators rename a thread; only moderators pin it. */
  async update(caller: GroupCaller, threadId: string, body: UpdateThreadDto): Promise<ThreadView> {
    const access = await this.threadAccess(caller, threadId);
    if (body.pinned !== undefined) {
      requireRole(access.role, GroupRole.Moderator);
    }
    if (body.title !== undefined && access.thread.authorId !== caller.id) {
      requireRole(access.role, GroupRole.Moderator);
    }
    requireWritable(access.group);
    const changes: Partial<Pick<GroupThread, 'title' | 'pinned'>> = {};
    if (body.title !== undefined) {
      changes.title = body.title;
    }
    if (body.pinned !== undefined) {
      changes.pinned = body.pinned;
    }
    if (Object.keys(changes).length > 0) {
      await this.threads.updateThread(threadId, changes);
    }
    return this.get(caller, threadId);
  }

  async remove(caller: GroupCaller, threadId: string): Promise<void> {
    const access = await this.threadAccess(caller, threadId);
    if (access.thread.authorId !== caller.id) {
      requireRole(access.role, GroupRole.Moderator);
    }
    requireWritable(access.group);
    await this.threads.deleteThread(threadId);
  }

  async reply(caller: GroupCaller, threadId: string, body: CreatePostDto): Promise<CreatedDto> {
    const access = await this.threadAccess(caller, threadId);
    requireWritable(access.group);
    const attachmentIds = await this.checkAttachments(access.group.id, body.attachmentIds);
    const post = this.newPost(threadId, caller.id, body.body, new Date());
    await this.threads.addPost(post, attachmentIds);
    await this.mentions.notify({ id: post.id, body: body.body, authorId: caller.id }, access.thread, access.group);
    return { id: post.id };
  }

  async editPost(caller: GroupCaller, postId: string, body: UpdatePostDto): Promise<PostView> {
    const access = await this.postAccess(caller, postId);
    if (access.post.authorId !== caller.id) {
      requireRole(access.role, GroupRole.Moderator);
    }
    requireWritable(access.group);
    if (access.post.deletedAt !== null) {
      throw DomainException.conflict('This post was deleted', ErrorCode.PostDeleted);
    }
    await this.threads.updatePost(postId, {
      bodySource: body.body,
      bodyHtml: this.markdown.render(body.body),
      editedAt: new Date(),
    });
    return (await this.get(caller, access.thread.id)).posts.find((p) => p.id === postId)!;
  }

  async deletePost(caller: GroupCaller, postId: string): Promise<void> {
    const access = await this.postAccess(caller, postId);
    if (access.post.authorId !== caller.id) {
      requireRole(access.role, GroupRole.Moderator);
    }
    requireWritable(access.group);
    if (access.post.deletedAt !== null) {
      throw DomainException.conflict('This post was deleted', ErrorCode.PostDeleted);
    }
    await this.threads.deletePost(postId, new Date());
  }

  private async threadAccess(caller: GroupCaller, threadId: string): Promise<ThreadAccess> {
    const access = await this.threads.findForMember(threadId, caller.id);
    if (!access) {
      throw DomainException.notFound('Thread', ErrorCode.ThreadNotFound);
    }
    return access;
  }

  private async postAccess(caller: GroupCaller, postId: string) {
    const access = await this.threads.findPostForMember(postId, caller.id);
    if (!access) {
      throw DomainException.notFound('Post', ErrorCode.PostNotFound);
    }
    return access;
  }

  /** Attachments are files of the same group's library. */
  private async checkAttachments(groupId: string, ids: string[] | undefined): Promise<string[]> {
    const unique = [...new Set(ids ?? [])];
    if (unique.length > 0 && (await this.files.countInGroup(groupId, unique)) !== unique.length) {
      throw DomainException.notFound('Attachment', ErrorCode.GroupFileNotFound);
    }
    return unique;
  }

  private newPost(threadId: string, authorId: string, source: string, at: Date): GroupPost {
    return Object.assign(new GroupPost(), {
      id: randomUUID(),
      threadId,
      authorId,
      bodySource: source,
      bodyHtml: this.markdown.render(source),
      editedAt: null,
      deletedAt: null,
      createdAt: at,
    });
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    const users = await this.accounts.usersByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  private summary(thread: GroupThread, names: Map<string, string>): ThreadSummaryView {
    return {
      id: thread.id,
      groupId: thread.groupId,
      title: thread.title,
      pinned: Boolean(thread.pinned),
      postCount: thread.postCount,
      lastPostAt: thread.lastPostAt.toISOString(),
      authorId: thread.authorId,
      authorName: names.get(thread.authorId) ?? '',
      createdAt: thread.createdAt.toISOString(),
    };
  }
}
