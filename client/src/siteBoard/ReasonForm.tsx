import { useId, useState, type FormEvent } from 'react';
import { useMessages } from '../i18n/localeContext';
import { boardMessages } from './messages';

/** The API's shortest accepted reason (server/routes/stays/schemas.ts). */
const REASON_MIN = 3;

interface Props {
  /** What is being confirmed, shown as the form's legend. */
  title: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason an early release, an out-of-service or a move must carry. */
export function ReasonForm({ title, busy, onConfirm, onCancel }: Props) {
  const t = useMessages(boardMessages);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ids = { input: useId(), hint: useId() };
  const tooShort = reason.trim().length < REASON_MIN;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (!tooShort && !busy) onConfirm(reason.trim());
  }

  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <fieldset className="reason-form__set">
        <legend className="reason-form__legend">{title}</legend>
        <label htmlFor={ids.input} className="form-field__label">
          {t('reason')}
        </label>
        <input
          id={ids.input}
          className="form-field__input"
          value={reason}
          maxLength={255}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={(tried && tooShort) || undefined}
          aria-describedby={ids.hint}
        />
        <p id={ids.hint} className={`reason-form__hint${tried && tooShort ? ' is-error' : ''}`}>
          {t('reasonHint')}
        </p>
        <div className="reason-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {t('confirm')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
