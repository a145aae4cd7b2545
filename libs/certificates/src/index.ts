export * from './certificates.module';
export * from './code/verification-code';
export * from './dto/certificate.dto';
export * from './entities/certificate.entity';
export * from './services/certificate.service';
export * from './statement/certificate-keys.service';
export * from './statement/certificate-statement';
export { CERTIFICATES_ENTITIES } from './entities';
