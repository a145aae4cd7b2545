export * from './content-path';
export * from './content-signer';
