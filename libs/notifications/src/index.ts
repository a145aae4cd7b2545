export * from './mail.service';
export * from './notifications.module';
export * from './notifications.service';
export * from './templates/mail-renderer';
export * from './templates/mail-templates';
export * from './templates/mail-template.enum';
