import { Injectable } from '@nestjs/common';
import { CertificateService } from '@app/certificates';
import { GenerateCertificatePdfPayload, JobHandler, JobName, JobResults } from '@app/queue';

/** Renders a certificate's PDF once into the blob store (docs/certificates.md); a stored one is kept. */
@Injectable()
export class GenerateCertificatePdfProcessor implements JobHandler<JobName.GenerateCertificatePdf> {
  readonly jobName = JobName.GenerateCertificatePdf;

  constructor(private readonly certificates: CertificateService) {}

  handle(payload: GenerateCertificatePdfPayload): Promise<JobResults[JobName.GenerateCertificatePdf]> {
    return this.certificates.generatePdf(payload.certificateId);
  }
}
