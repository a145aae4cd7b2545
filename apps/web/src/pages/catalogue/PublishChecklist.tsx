import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_LANGUAGES, type CourseDetail, type CourseLanguage } from '../../api/types';
import { Dialog } from '../../components/Dialog';

/** What a course lacks before learners see it: asked about, never refused (the server refuses only a course with nothing to launch). */
export interface MissingPart {
  kind: 'missingTopic' | 'missingText' | 'missingDescription';
  language?: CourseLanguage;
}

export function publishChecklist(course: CourseDetail): MissingPart[] {
  const missing: MissingPart[] = [];
  if (!course.topic) {
    missing.push({ kind: 'missingTopic' });
  }
  for (const language of COURSE_LANGUAGES) {
    const text = course.texts.find((entry) => entry.language === language && entry.title.trim());
    if (!text) {
      missing.push({ kind: 'missingText', language });
    } else if (!text.description.trim()) {
      missing.push({ kind: 'missingDescription', language });
    }
  }
  return missing;
}

interface PublishChecklistDialogProps {
  open: boolean;
  title: string;
  missing: MissingPart[];
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before publishing a course that lacks a topic, a description or texts in other languages. */
export function PublishChecklistDialog({ open, title, missing, onConfirm, onCancel }: PublishChecklistDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      title={t('publishing.dialogTitle')}
      onDismiss={onCancel}
      initialFocus={cancelRef}
      describedBy={`${id}-body`}
    >
      <p id={`${id}-body`}>{t('publishing.dialogBody', { title })}</p>
      <ul className="checklist" aria-label={t('publishing.checklistLabel')}>
        {missing.map((entry) => (
          <li key={`${entry.kind}-${entry.language ?? ''}`}>
            {t(`publishing.${entry.kind}`, {
              language: entry.language ? t(`courseLanguages.${entry.language}`) : '',
            })}
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onConfirm}>
          {t('publishing.publishAnyway')}
        </button>
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          {t('publishing.completeFirst')}
        </button>
      </div>
    </Dialog>
  );
}
