/** The platform's queues. Names are stored in Redis keys: never rename one, only add. */
export enum QueueName {
  Imports = 'imports',
  Translations = 'translations',
  Notifications = 'notifications',
  Maintenance = 'maintenance',
}
