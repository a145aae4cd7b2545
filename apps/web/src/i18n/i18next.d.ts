import 'i18next';
import type { Messages } from './index';

// Translation keys are checked at compile time against the English messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
