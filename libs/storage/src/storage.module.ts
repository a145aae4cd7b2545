import { Global, Module } from '@nestjs/common';
import { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';

@Global()
@Module({ providers: [{ provide: BlobStore, useClass: LocalBlobStore }], exports: [BlobStore] })
export class StorageModule {}
