export * from './curricula.module';
export * from './dto/curriculum.dto';
export * from './entities';
export * from './services/contact-points.service';
export * from './services/curricula.service';
