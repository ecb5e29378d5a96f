import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { User } from './api';
import { strings } from './strings';

interface Props {
  notice: string | null;
  initialError: string | null;
  onSignedIn: (user: User) => void;
}

export function Login({ notice, initialError, onSignedIn }: Props) {
  const s = strings.login;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  // While rate-limited: the moment the server allows another attempt.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  useEffect(() => {
    if (retryAt === null) return undefined;
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= retryAt) {
        setRetryAt(null);
        setError(null);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [retryAt]);

  const waitSeconds = retryAt === null ? 0 : Math.max(1, Math.ceil((retryAt - now) / 1000));
  const shownError = retryAt !== null ? s.tooManyAttempts(waitSeconds) : error;

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting || retryAt !== null) return;
    if (!email.trim() || !password) {
      setError(s.missingFields);
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const session = await api.login(email.trim(), password);
      onSignedIn(session.user);
    } catch (e) {
      setSubmitting(false);
      if (e instanceof api.ApiError && e.status === 429) {
        const seconds = e.retryAfter ?? 30;
        setNow(Date.now());
        setRetryAt(Date.now() + seconds * 1000);
        setError(s.tooManyAttempts(seconds));
      } else if (e instanceof api.ApiError && e.status === 0) {
        setError(strings.errors.network);
      } else if (e instanceof api.ApiError) {
        setError(e.message || strings.errors.unexpected(e.status));
      } else {
        setError(strings.errors.network);
      }
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">W</span>
          <h1 id="login-title">{s.title}</h1>
        </div>
        {notice && !shownError && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label for="login-email">{s.email}</label>
        <input
          ref={emailRef}
          id="login-email"
          name="email"
          type="email"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="login-password">{s.password}</label>
        <input
          ref={passwordRef}
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? 'login-error' : undefined}
        />
        <div id="login-error" class="form-error" role="alert" aria-live="assertive">
          {shownError}
        </div>
        <button
          type="submit"
          class="button primary wide"
          disabled={submitting || retryAt !== null}
          aria-busy={submitting}
        >
          {submitting ? s.submitting : s.submit}
        </button>
      </form>
    </main>
  );
}
