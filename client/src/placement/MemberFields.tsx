import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { PERSON_NEEDS, type PersonNeed } from '../../../shared/enums';
import { useMessages } from '../i18n/localeContext';
import { domainMessages } from './domainMessages';
import type { Translate } from '../i18n/locale';
import { placementMessages, type PlacementMessageKey } from './messages';
import { idNumberHint, ID_NUMBER_LENGTH, type IdNumberHint, type MemberForm } from './partyForm';

interface Props {
  index: number;
  member: MemberForm;
  /** Error text by field name (`fullName`, `idNumber`, …) for this member. */
  errors: Partial<Record<keyof MemberForm, string>>;
  onChange: (member: MemberForm) => void;
  onRemove: (() => void) | null;
}

/** The live hint under the ID number field, also its error text when the form is submitted. */
export function idHintText(t: Translate<PlacementMessageKey>, hint: IdNumberHint): string {
  return hint.kind === 'empty'
    ? t('idHint.length', { count: ID_NUMBER_LENGTH })
    : t(`idHint.${hint.kind}`, { count: 'count' in hint ? hint.count : 0 });
}

/** One person of the party: each field labelled, its error (local or the API's) right below it. */
export function MemberFields({ index, member, errors, onChange, onRemove }: Props) {
  const t = useMessages(placementMessages);
  const d = useMessages(domainMessages);
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const hint = idNumberHint(member.idNumber);
  const hintText = idHintText(t, hint);

  type TextField = Exclude<keyof MemberForm, 'needs'>;

  /** A labelled input of the member, with its error (or its note) below, tied by aria. */
  const field = (
    name: TextField,
    label: string,
    attrs: InputHTMLAttributes<HTMLInputElement>,
    note?: ReactNode,
  ) => {
    const noteId = errors[name] || note ? id(`${name}-note`) : undefined;
    return (
      <div className="form-field">
        <label htmlFor={id(name)} className="form-field__label">
          {label}
        </label>
        <input
          id={id(name)}
          name={`members.${index}.${name}`}
          className="form-field__input"
          autoComplete="off"
          {...attrs}
          value={member[name]}
          aria-invalid={Boolean(errors[name]) || undefined}
          aria-describedby={noteId}
          onChange={(e) => onChange({ ...member, [name]: e.target.value })}
        />
        {errors[name] ? (
          <p id={noteId} className="field-error">
            {errors[name]}
          </p>
        ) : (
          note && (
            <p id={noteId} className="field-note">
              {note}
            </p>
          )
        )}
      </div>
    );
  };

  const toggleNeed = (need: PersonNeed, on: boolean) =>
    onChange({
      ...member,
      needs: on ? [...member.needs, need] : member.needs.filter((n) => n !== need),
    });

  return (
    <fieldset className="member">
      <legend className="member__legend">{t('member', { n: index + 1 })}</legend>
      <div className="member__grid">
        {field('fullName', t('fullName'), { maxLength: 120 })}
        {field(
          'idNumber',
          t('idNumber'),
          {
            className: 'form-field__input code',
            maxLength: ID_NUMBER_LENGTH + 2,
            spellCheck: false,
          },
          <span className={hint.kind === 'ok' ? 'hint-ok' : undefined}>
            {hint.kind === 'ok' ? '✓ ' : ''}
            {hintText}
          </span>,
        )}
        {field('phone', t('phone'), { type: 'tel', maxLength: 32 })}
        {field('exposureDate', t('exposureDate'), { type: 'date' })}
      </div>
      <fieldset className="needs">
        <legend className="form-field__label">{t('needs')}</legend>
        {PERSON_NEEDS.map((need) => (
          <label key={need} className="needs__option">
            <input
              type="checkbox"
              checked={member.needs.includes(need)}
              onChange={(e) => toggleNeed(need, e.target.checked)}
            />
            {d(`need.${need}`)}
          </label>
        ))}
        {errors.needs && <p className="field-error">{errors.needs}</p>}
      </fieldset>
      {onRemove && (
        <button type="button" className="button button--small" onClick={onRemove}>
          {t('removeMember', { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}
