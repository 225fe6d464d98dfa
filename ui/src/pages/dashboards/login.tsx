/**
 * Sign in (/login) for editing dashboards: POST /login, then, when the password is the
 * initial one (or the API flags it), a change-password form (PUT /api/user/password).
 * Errors show the API's message verbatim. A signed-in user may sign out here.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { changePassword, login, loginRedirectTarget, logout, refreshSession, useSession } from '../../dashboards/grafana-api';
import { navigate, useRoute } from '../../lib/router';
import '../../dashboards/dashboards.css';

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function ChangePassword(props: { oldPassword: string; onDone: () => void }): JSX.Element {
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (pw !== confirm) {
      setErr('Passwords do not match');
      return;
    }
    setBusy(true);
    setErr('');
    try {
      await changePassword(props.oldPassword, pw, confirm);
      await refreshSession();
      props.onDone();
    } catch (x) {
      setErr(errText(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login-form" data-testid="change-password-form" onSubmit={(e) => void submit(e)}>
      <p>Change the initial password before editing dashboards.</p>
      <label>New password<input type="password" autocomplete="new-password" data-testid="new-password" value={pw} onInput={(e) => setPw((e.target as HTMLInputElement).value)} required /></label>
      <label>Confirm new password<input type="password" autocomplete="new-password" data-testid="confirm-password" value={confirm} onInput={(e) => setConfirm((e.target as HTMLInputElement).value)} required /></label>
      {err !== '' && <ErrorBox message={err} />}
      <button type="submit" class="primary" data-testid="change-password-submit" disabled={busy}>Change password</button>
    </form>
  );
}

export function LoginPage(): JSX.Element {
  const route = useRoute();
  const session = useSession();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const [mustChange, setMustChange] = useState(false);
  const target = (): void => {
    navigate(loginRedirectTarget(route.params));
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setErr('');
    try {
      const r = await login(user, password);
      const u = await refreshSession();
      if (r.mustChangePassword || u?.mustChangePassword === true) setMustChange(true);
      else target();
    } catch (x) {
      setErr(errText(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="page" data-testid="login-page">
      <h1>{mustChange ? 'Change password' : 'Sign in'}</h1>
      {mustChange ? <ChangePassword oldPassword={password} onDone={target} /> : session.user !== null ? (
        <div class="login-form">
          <p>Signed in as <strong>{session.user.login}</strong>{session.user.isAdmin ? ' (admin)' : ''}.</p>
          <button type="button" data-testid="logout" onClick={() => void logout()}>Sign out</button>
        </div>
      ) : (
        <form class="login-form" data-testid="login-form" onSubmit={(e) => void submit(e)}>
          <label>Email or username<input name="user" autocomplete="username" data-testid="login-user" value={user} onInput={(e) => setUser((e.target as HTMLInputElement).value)} required /></label>
          <label>Password<input name="password" type="password" autocomplete="current-password" data-testid="login-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required /></label>
          {err !== '' && <ErrorBox message={err} />}
          <button type="submit" class="primary" data-testid="login-submit" disabled={busy}>Sign in</button>
        </form>
      )}
    </section>
  );
}
