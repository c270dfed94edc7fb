import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MAX, USERNAME_MAX } from '../../../shared/validations';
import { ApiError, UNAUTHORIZED } from '../api/http';
import { useMessages } from '../i18n/localeContext';
import { apiMessages } from '../api/messages';
import { problemText } from '../api/problemText';
import { useAuth, type SignedOutNotice } from './authContext';
import { authMessages } from './messages';
import { signInFailure, type SignInFailure } from './signInMessages';

type Problem = SignInFailure & {
  /** The field to mark invalid: one that was left empty, or both after refused credentials. */
  fields: 'username' | 'password' | 'both' | 'none';
};

/**
 * The sign-in form: username and password (with the autocomplete hints password managers use),
 * one submit that shows it is busy, the server's refusal in words, and why the page is showing
 * when the session ended. The first field has focus when the page opens.
 */
export function SignInPage({ notice }: { notice: SignedOutNotice | null }) {
  const { signIn } = useAuth();
  const t = useMessages(authMessages);
  const tApi = useMessages(apiMessages);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), password: useId(), problem: useId(), heading: useId() };

  useEffect(() => {
    usernameRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const name = username.trim();
    if (name === '') {
      setProblem({ message: t('enterUsername'), fields: 'username' });
      usernameRef.current?.focus();
      return;
    }
    if (password === '') {
      setProblem({ message: t('enterPassword'), fields: 'password' });
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      // On success this page unmounts: nothing more to do here.
      await signIn({ username: name, password });
    } catch (error) {
      const failure = signInFailure(t, (e) => problemText(tApi, e), error);
      setBusy(false);
      setPassword('');
      const refused = error instanceof ApiError && error.status === UNAUTHORIZED;
      setProblem({ ...failure, fields: refused ? 'both' : 'none' });
      passwordRef.current?.focus();
    }
  }

  const invalid = (field: 'username' | 'password') =>
    problem !== null && (problem.fields === field || problem.fields === 'both');
  const describedBy = problem ? ids.problem : undefined;

  return (
    <section className="signin" aria-labelledby={ids.heading}>
      <div className="signin__card">
        <h2 id={ids.heading} className="signin__title">
          {t('signInTitle')}
        </h2>
        <p className="signin__intro">{t('signInIntro')}</p>

        {problem ? (
          <div id={ids.problem} className="notice notice--error" role="alert">
            <p className="notice__title">{problem.message}</p>
            {problem.detail && <p className="notice__text">{problem.detail}</p>}
          </div>
        ) : (
          notice && <NoticeBox notice={notice} />
        )}

        <form className="signin__form" onSubmit={submit} noValidate>
          <div className="form-field">
            <label htmlFor={ids.username} className="form-field__label">
              {t('username')}
            </label>
            <input
              ref={usernameRef}
              id={ids.username}
              name="username"
              className="form-field__input"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={USERNAME_MAX}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              aria-invalid={invalid('username') || undefined}
              aria-describedby={invalid('username') ? describedBy : undefined}
            />
          </div>
          <div className="form-field">
            <label htmlFor={ids.password} className="form-field__label">
              {t('password')}
            </label>
            <input
              ref={passwordRef}
              id={ids.password}
              name="password"
              className="form-field__input"
              type="password"
              autoComplete="current-password"
              maxLength={PASSWORD_MAX}
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={invalid('password') || undefined}
              aria-describedby={invalid('password') ? describedBy : undefined}
            />
          </div>
          {/* aria-disabled rather than disabled: the button keeps keyboard focus while it waits. */}
          <button
            type="submit"
            className="button button--primary signin__submit"
            aria-disabled={busy}
          >
            {busy && <span className="spinner spinner--on-brand" aria-hidden="true" />}
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </div>
    </section>
  );
}

function NoticeBox({ notice }: { notice: SignedOutNotice }) {
  const t = useMessages(authMessages);
  const tApi = useMessages(apiMessages);
  switch (notice.kind) {
    case 'session-ended':
      return (
        <div className="notice notice--info" role="alert">
          <p className="notice__title">{t('sessionEnded')}</p>
        </div>
      );
    case 'signed-out':
      return (
        <div className="notice notice--info" role="status">
          <p className="notice__title">{t('signedOut')}</p>
        </div>
      );
    case 'check-failed': {
      const problem = problemText(tApi, notice.error);
      return (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t('checkFailed', { reason: problem.title })}</p>
          {problem.detail && <p className="notice__text">{problem.detail}</p>}
        </div>
      );
    }
  }
}
