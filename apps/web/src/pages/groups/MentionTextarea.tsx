import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { mentionQueryAt, suggestMembers } from './mentions';
import type { Member } from './types';

type MentionTextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onKeyDown' | 'ref'> & {
  id: string;
  groupId: string;
};

/**
 * A message box that suggests the group's members while `@Name` is typed: the suggestions are a
 * listbox tied to the text box (aria-controls, aria-activedescendant), walked with the arrow keys,
 * picked with Enter or Tab, closed with Escape; their number is announced. Picking writes
 * `@Display Name`, the form the api recognises to notify the member.
 */
export function MentionTextarea({ groupId, id, ...textarea }: MentionTextareaProps) {
  const { t } = useTranslation();
  const { api, user } = useAuth();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [members, setMembers] = useState<{ userId: string; displayName: string }[] | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  // Escape closes the suggestions until another `@` is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);

  const wantMembers = mention !== null && members === null;
  useEffect(() => {
    if (!wantMembers) {
      return;
    }
    const controller = new AbortController();
    unwrap(api.GET('/api/groups/{id}/members', { params: { path: { id: groupId } }, signal: controller.signal })).then(
      (list) =>
        setMembers(
          list
            .filter((m): m is Member & { userId: string } => m.state === 'active' && m.userId !== null)
            .filter((m) => m.userId !== user?.id && m.displayName.trim() !== '')
            .map((m) => ({ userId: m.userId, displayName: m.displayName.trim() })),
        ),
      () => undefined, // no suggestions without the list; typing still works
    );
    return () => controller.abort();
  }, [wantMembers, api, groupId, user?.id]);

  const suggestions = useMemo(
    () => (mention && members ? suggestMembers(members, mention.query) : []),
    [mention, members],
  );
  const open = mention !== null && mention.start !== dismissed && members !== null;
  const shown = open && suggestions.length > 0;

  const follow = () => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const found =
      element.selectionStart === element.selectionEnd ? mentionQueryAt(element.value, element.selectionStart) : null;
    if (found?.start !== mention?.start || found?.query !== mention?.query) {
      setActive(0);
    }
    setMention(found);
    if (found === null || (dismissed !== null && found.start !== dismissed)) {
      setDismissed(null);
    }
  };

  const pick = (member: { displayName: string }) => {
    const element = ref.current;
    if (!element || !mention) {
      return;
    }
    element.focus();
    element.setRangeText(`@${member.displayName} `, mention.start, element.selectionStart, 'end');
    setMention(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!shown) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + suggestions.length) % suggestions.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      event.preventDefault();
      pick(suggestions[Math.min(active, suggestions.length - 1)]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(mention.start);
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="mention-box">
      <textarea
        {...textarea}
        id={id}
        ref={ref}
        aria-autocomplete="list"
        aria-controls={shown ? listId : undefined}
        aria-activedescendant={shown ? optionId(Math.min(active, suggestions.length - 1)) : undefined}
        onKeyDown={onKeyDown}
        onInput={follow}
        onKeyUp={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') {
            follow();
          }
        }}
        onClick={follow}
        onBlur={() => setMention(null)}
      />
      {shown && (
        <ul id={listId} role="listbox" className="mention-list" aria-label={t('groups.mentions.listLabel')}>
          {suggestions.map((member, index) => (
            <li
              key={member.userId}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'mention-option mention-option-active' : 'mention-option'}
              // mousedown would move focus out of the text box first
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(member)}
            >
              {member.displayName}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {open
          ? suggestions.length > 0
            ? t('groups.mentions.count', { count: suggestions.length })
            : t('groups.mentions.none')
          : ''}
      </p>
    </div>
  );
}
