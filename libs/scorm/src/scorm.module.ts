import { Module } from '@nestjs/common';
import { ContentSigner } from './content/content-signer';

/** SCORM services that need the container (content links); parsing and extraction are plain functions. */
@Module({ providers: [ContentSigner], exports: [ContentSigner] })
export class ScormModule {}
