export * from './bundle/bundle-format';
export * from './bundle/bundle-reader';
export * from './bundle/licence-keys';
export * from './entities';
export * from './licences.module';
export * from './repositories/received-licence.repository';
export * from './services/licence.service';
export * from './dto/licence-views.dto';
