import { Injectable, Logger } from '@nestjs/common';
import { CatalogueService } from '@app/catalogue';
import { Certificate, CertificateService } from '@app/certificates';
import { retryOnDeadlock } from '@app/database';
import type { ParsedManifest } from '@app/scorm';
import { CourseResult } from '../entities/course-result.entity';
import { CourseResultRepository } from '../repositories/course-result.repository';
import { computeCourseResult } from '../results/course-result-rules';

/**
 * The stored course result (docs/course-results.md): recomputed when an item's status changes
 * (a commit that changes it, a launch that starts an attempt), read by "My learning" and later by
 * certificates and reports.
 */
@Injectable()
export class CourseResultService {
  private readonly logger = new Logger(CourseResultService.name);

  constructor(
    private readonly results: CourseResultRepository,
    private readonly catalogue: CatalogueService,
    private readonly certificates: CertificateService,
  ) {}

  /** The learner's stored results, one per course they have activity or an enrolment in. */
  listForUser(userId: string): Promise<CourseResult[]> {
    return this.results.listForUser(userId);
  }

  async recompute(userId: string, courseId: string): Promise<CourseResult> {
    let issued: Certificate | null = null;
    const result = await retryOnDeadlock(() =>
      this.results.rewrite(
        userId,
        courseId,
        async (current, reader) => {
          const packageId = await reader.lastPackageId();
          const found = packageId ? await this.catalogue.packageWithManifest(packageId) : null;
          const pkg = found?.courseId === courseId ? found : null;
          const computed = pkg
            ? computeCourseResult(
                {
                  standard: pkg.standard,
                  manifest: pkg.manifest as ParsedManifest,
                  launchables: pkg.launchables,
                },
                await reader.latestAttempts(pkg.id),
              )
            : null;
          const now = new Date();
          const completed = computed?.completionStatus === 'completed';
          const passed = computed?.successStatus === 'passed';
          return {
            packageId: pkg?.id ?? null,
            completionStatus: computed?.completionStatus ?? 'not attempted',
            successStatus: computed?.successStatus ?? 'unknown',
            scoreScaled: computed?.scoreScaled ?? null,
            partsDone: computed?.partsDone ?? 0,
            partsTotal: computed?.partsTotal ?? 0,
            completedAt: completed ? (current.completionStatus === 'completed' && current.completedAt) || now : null,
            passedAt: passed ? (current.successStatus === 'passed' && current.passedAt) || now : null,
          };
        },
        async (manager, written) => {
          issued = await this.certificates.issueOnResult(manager, written);
        },
      ),
    );
    // Jobs are queued after the commit (docs/certificates.md).
    if (issued) await this.certificates.afterIssued(issued);
    return result;
  }

  /**
   * After a write that changed an item's status: the write stands even if the result cannot be
   * recomputed now (the next change recomputes it), so a failure is logged, not thrown.
   */
  async afterStatusChange(userId: string, courseId: string): Promise<void> {
    try {
      await this.recompute(userId, courseId);
    } catch (error) {
      this.logger.error(`Course result of ${userId} in ${courseId} not recomputed: ${(error as Error).message}`);
    }
  }
}
