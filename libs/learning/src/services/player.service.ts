import { Injectable } from '@nestjs/common';
import { ProfileService, SessionService, UserStatus } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { ContentSigner, type ManifestOrganization, type ParsedManifest, type ScormEdition } from '@app/scorm';
import { buildPlayerCmi } from '../cmi/player-cmi';
import { Attempt, CompletionStatus, SessionEntry, SuccessStatus } from '../entities/attempt.entity';
import { AttemptRepository } from '../repositories/attempt.repository';
import { launchEnded } from '../tokens/launch-standing';
import { LaunchTokenService } from '../tokens/launch-token.service';
import { SharedDataService } from './shared-data.service';
import { findManifestItem, itemLaunchData } from './package-items';

export interface PlayerData {
  attempt: {
    id: string;
    number: number;
    itemId: string;
    mode: 'normal' | 'review';
    credit: string;
    entry: SessionEntry;
  };
  standard: 'scorm12' | 'scorm2004';
  edition: ScormEdition;
  cmi: Record<string, unknown>;
  learner: { id: string; name: string };
  course: { id: string; title: string };
  package: { id: string; language: string; title: string };
  organization: ManifestOrganization | null;
  items: Array<{
    itemId: string;
    title: string;
    type: 'sco' | 'asset';
    status: { completion: CompletionStatus; success: SuccessStatus; scoreScaled: number | null };
  }>;
  contentOrigin: string;
  launcherUrl: string;
  scoUrl: string;
  commitUrl: string;
  courseUrl: string;
  /** 4th edition shared data (`adl.data`) the item may read, by target ID (docs/course-results.md). */
  sharedData: Record<string, string>;
}

/** Everything the player page needs for one launch, authorised by the launch token. */
@Injectable()
export class PlayerService {
  constructor(
    private readonly attempts: AttemptRepository,
    private readonly catalogue: CatalogueService,
    private readonly profiles: ProfileService,
    private readonly tokens: LaunchTokenService,
    private readonly sessions: SessionService,
    private readonly signer: ContentSigner,
    private readonly config: AppConfig,
    private readonly sharedData: SharedDataService,
  ) {}

  async playerData(token: string | undefined, attemptId: string): Promise<PlayerData> {
    const claims = this.tokens.verify(token);
    if (claims.att !== attemptId) {
      throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
    }
    const [standing, attempt] = await Promise.all([
      this.sessions.standing(claims.sid, claims.sub),
      this.attempts.findForUser(attemptId, claims.sub),
    ]);
    if (standing !== 'live') {
      throw launchEnded(standing);
    }
    if (!attempt) {
      throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
    }
    if (!claims.rev && attempt.sessionNo !== claims.ses) {
      throw DomainException.conflict('This attempt was launched again elsewhere', ErrorCode.SessionSuperseded);
    }
    const [pkg, learner, [course], siblings] = await Promise.all([
      this.catalogue.packageWithManifest(attempt.packageId),
      this.profiles.get(claims.sub),
      this.catalogue.coursesForLearning([attempt.courseId]),
      this.attempts.listForPackage(claims.sub, attempt.packageId),
    ]);
    if (learner.status !== UserStatus.Active) {
      throw launchEnded('account-inactive');
    }
    const manifest = pkg?.manifest as ParsedManifest | undefined;
    const launchable = manifest?.launchables.find((item) => item.itemIdentifier === attempt.itemId);
    if (!pkg || !manifest || !launchable) {
      throw DomainException.notFound('Item', ErrorCode.ItemNotFound);
    }
    const found = findManifestItem(manifest, attempt.itemId);
    const review = claims.rev === true;
    const entry: SessionEntry = review ? '' : attempt.entry;
    const cmi = buildPlayerCmi({
      standard: pkg.standard,
      entry,
      mode: review ? 'review' : 'normal',
      learnerId: learner.id,
      learnerName: learner.displayName,
      // The finished sessions; the current one is added by the run-time at Terminate.
      totalSeconds: review ? attempt.totalSeconds : attempt.baseSeconds,
      stored: attempt.cmi,
      item: itemLaunchData(launchable, found?.item ?? null, pkg.standard === 'scorm2004'),
    });
    const latest = new Map<string, Attempt>();
    for (const sibling of siblings) {
      if ((latest.get(sibling.itemId)?.number ?? 0) < sibling.number) {
        latest.set(sibling.itemId, sibling);
      }
    }
    const title =
      course.texts.find((text) => text.language === learner.preferredLanguage) ??
      course.texts.find((text) => text.language === 'en') ??
      course.texts[0];
    const organization =
      found?.organization ??
      manifest.organizations.find((org) => org.identifier === manifest.defaultOrganizationId) ??
      null;
    const sharedData = await this.sharedData.read(
      claims.sub,
      this.sharedData.accessOf(manifest, attempt.courseId, attempt.itemId),
    );
    const contentOrigin = this.config.contentUrl.origin;
    const origin = this.config.publicUrl.origin;
    return {
      attempt: {
        id: attempt.id,
        number: attempt.number,
        itemId: attempt.itemId,
        mode: review ? 'review' : 'normal',
        credit: review ? 'no-credit' : 'credit',
        entry,
      },
      standard: pkg.standard,
      edition: (pkg.edition ?? null) as ScormEdition,
      cmi,
      learner: { id: learner.id, name: learner.displayName },
      course: { id: attempt.courseId, title: title?.title ?? pkg.title },
      package: { id: pkg.id, language: pkg.language, title: pkg.title },
      organization,
      items: pkg.launchables.map((item) => {
        const last = latest.get(item.itemIdentifier);
        return {
          itemId: item.itemIdentifier,
          title: item.title,
          type: item.type,
          status: {
            completion: last?.completionStatus ?? 'not attempted',
            success: last?.successStatus ?? 'unknown',
            scoreScaled: last?.scoreScaled ?? null,
          },
        };
      }),
      contentOrigin,
      launcherUrl: `${contentOrigin}/content/_launcher/launcher.html`,
      scoUrl: launchable.external ? launchable.href : this.signer.launchUrl(pkg.id, launchable.href),
      commitUrl: `${origin}/api/attempts/${attempt.id}/commit?token=${token}`,
      courseUrl: `/courses/${attempt.courseId}`,
      sharedData,
    };
  }
}
