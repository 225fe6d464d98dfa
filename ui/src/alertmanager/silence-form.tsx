/**
 * The silence form (new, edit, duplicate): matchers, start, end and duration kept in sync,
 * creator (remembered in this browser), comment, validation messages, the live preview, and
 * Create/Update posting to /api/v2/silences. The API's error text is shown verbatim.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box';
import { navigate } from '../lib/router';
import { postSilence } from './client';
import { emptyRow, MatcherEditor, matcherFromRow, type MatcherRow, rowErrors, rowFromMatcher } from './matcher-editor';
import { toApiMatcher, type Matcher } from './matchers';
import type { PostableSilence } from './model';
import { SilencePreview } from './silence-preview';
import { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from './time';
import { errorText } from './use-api';
import './am.css';

const CREATOR_KEY = 'vigil.alertmanager.creator';
export const DEFAULT_DURATION_MS = 2 * 3_600_000;

export function rememberedCreator(): string {
  try {
    return window.localStorage.getItem(CREATOR_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberCreator(name: string): void {
  try {
    window.localStorage.setItem(CREATOR_KEY, name);
  } catch {
    // Storage may be disabled; the form still works.
  }
}

export interface SilenceFormInit {
  /** Set when editing an existing silence. */
  id?: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

interface Fields {
  rows: MatcherRow[];
  startsAt: string;
  endsAt: string;
  duration: string;
  createdBy: string;
  comment: string;
}

interface Problems {
  startsAt: string;
  endsAt: string;
  duration: string;
  createdBy: string;
  comment: string;
  matchers: boolean;
}

function validate(f: Fields): Problems {
  const start = parseTimestamp(f.startsAt);
  const end = parseTimestamp(f.endsAt);
  return {
    startsAt: f.startsAt.trim() === '' ? 'Start is required' : start === null ? 'Not a valid time (use RFC 3339, e.g. 2024-05-01T12:00:00Z)' : '',
    endsAt: f.endsAt.trim() === '' ? 'End is required' : end === null ? 'Not a valid time (use RFC 3339, e.g. 2024-05-01T14:00:00Z)'
      : start !== null && end <= start ? 'End must be after the start' : '',
    duration: parseDuration(f.duration) === null ? 'Not a valid duration (e.g. 2h, 1d 12h, 30m)' : '',
    createdBy: f.createdBy.trim() === '' ? 'Creator is required' : '',
    comment: f.comment.trim() === '' ? 'Comment is required' : '',
    matchers: f.rows.length === 0 || rowErrors(f.rows).some((e) => e !== ''),
  };
}

function hasProblems(p: Problems): boolean {
  return p.matchers || p.startsAt !== '' || p.endsAt !== '' || p.duration !== '' || p.createdBy !== '' || p.comment !== '';
}

function Field(props: { label: string; error: string; show: boolean; children: JSX.Element }): JSX.Element {
  return (
    <label class="am-field">
      <span class="am-field-label">{props.label}</span>
      {props.children}
      {props.show && props.error !== '' && <span class="am-field-error">{props.error}</span>}
    </label>
  );
}

/** Start, duration and end, kept in sync: a new start or duration moves the end, a new end sets the duration. */
function TimeFields(props: { f: Fields; setF: (f: Fields) => void; problems: Problems; submitted: boolean }): JSX.Element {
  const { f, setF, problems, submitted } = props;
  const setStart = (text: string): void => {
    const start = parseTimestamp(text);
    const d = parseDuration(f.duration);
    setF({ ...f, startsAt: text, ...(start !== null && d !== null ? { endsAt: formatTimestamp(start + d) } : {}) });
  };
  const setEnd = (text: string): void => {
    const start = parseTimestamp(f.startsAt);
    const end = parseTimestamp(text);
    setF({ ...f, endsAt: text, ...(start !== null && end !== null && end > start ? { duration: formatDuration(end - start) } : {}) });
  };
  const setDuration = (text: string): void => {
    const start = parseTimestamp(f.startsAt);
    const d = parseDuration(text);
    setF({ ...f, duration: text, ...(start !== null && d !== null ? { endsAt: formatTimestamp(start + d) } : {}) });
  };
  return (
    <div class="am-times">
      <Field label="Start" error={problems.startsAt} show={submitted || problems.startsAt.startsWith('Not')}>
        <input type="text" data-testid="silence-start" value={f.startsAt} spellcheck={false} onInput={(e) => setStart(e.currentTarget.value)} />
      </Field>
      <Field label="Duration" error={problems.duration} show={submitted || f.duration !== ''}>
        <input type="text" data-testid="silence-duration" value={f.duration} spellcheck={false} onInput={(e) => setDuration(e.currentTarget.value)} />
      </Field>
      <Field label="End" error={problems.endsAt} show={submitted || problems.endsAt.startsWith('Not') || problems.endsAt.startsWith('End must')}>
        <input type="text" data-testid="silence-end" value={f.endsAt} spellcheck={false} onInput={(e) => setEnd(e.currentTarget.value)} />
      </Field>
    </div>
  );
}

export function SilenceForm(props: { init: SilenceFormInit }): JSX.Element {
  const init = props.init;
  const [f, setF] = useState<Fields>(() => ({
    rows: init.matchers.length > 0 ? init.matchers.map(rowFromMatcher) : [emptyRow()],
    startsAt: formatTimestamp(init.startsAt),
    endsAt: formatTimestamp(init.endsAt),
    duration: formatDuration(init.endsAt - init.startsAt),
    createdBy: init.createdBy,
    comment: init.comment,
  }));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [apiError, setApiError] = useState<string | null>(null);
  const problems = validate(f);
  const previewMatchers = useMemo(
    () => f.rows.filter((r, i) => rowErrors(f.rows)[i] === '').map(matcherFromRow),
    [f.rows],
  );

  const submit = (e: Event): void => {
    e.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems) || busy) return;
    const body: PostableSilence = {
      matchers: f.rows.map((r) => toApiMatcher(matcherFromRow(r))),
      startsAt: new Date(parseTimestamp(f.startsAt) ?? 0).toISOString(),
      endsAt: new Date(parseTimestamp(f.endsAt) ?? 0).toISOString(),
      createdBy: f.createdBy.trim(),
      comment: f.comment,
    };
    if (init.id !== undefined) body.id = init.id;
    setBusy(true);
    setApiError(null);
    postSilence(body).then(
      (id) => {
        rememberCreator(body.createdBy);
        navigate(`/silences/${id}`);
      },
      (err: unknown) => {
        setBusy(false);
        setApiError(errorText(err));
      },
    );
  };

  return (
    <div class="am-form-layout">
      <form class="am-card am-form" data-testid="silence-form" onSubmit={submit} noValidate>
        <MatcherEditor rows={f.rows} onChange={(rows) => setF({ ...f, rows })} showErrors={submitted} />
        <TimeFields f={f} setF={setF} problems={problems} submitted={submitted} />
        <Field label="Creator" error={problems.createdBy} show={submitted}>
          <input type="text" data-testid="silence-creator" value={f.createdBy} autocomplete="username" onInput={(e) => setF({ ...f, createdBy: e.currentTarget.value })} />
        </Field>
        <Field label="Comment" error={problems.comment} show={submitted}>
          <textarea data-testid="silence-comment" rows={3} value={f.comment} onInput={(e) => setF({ ...f, comment: e.currentTarget.value })} />
        </Field>
        {apiError !== null && <ErrorBox message={apiError} />}
        {submitted && hasProblems(problems) && <div class="am-field-error" role="alert">Please correct the fields above.</div>}
        <div class="am-form-buttons">
          <button type="submit" class="primary" data-testid="silence-submit" disabled={busy}>{init.id !== undefined ? 'Update' : 'Create'}</button>
          <button type="button" onClick={() => window.history.back()}>Cancel</button>
        </div>
      </form>
      <SilencePreview matchers={previewMatchers} title="Alerts this silence would affect" />
    </div>
  );
}
