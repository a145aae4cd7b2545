export * from './blob-store';
export * from './download-link-signer';
export * from './download-link.dto';
export * from './local-blob-store';
export * from './storage.module';
export * from './file-types';
