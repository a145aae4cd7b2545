import { Global, Module } from '@nestjs/common';
import { BlobStore } from './blob-store';
import { DownloadLinkSigner } from './download-link-signer';
import { LocalBlobStore } from './local-blob-store';

@Global()
@Module({
  providers: [{ provide: BlobStore, useClass: LocalBlobStore }, DownloadLinkSigner],
  exports: [BlobStore, DownloadLinkSigner],
})
export class StorageModule {}
