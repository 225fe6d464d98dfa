/**
 * The PromQL expression editor: CodeMirror 6 with @prometheus-io/codemirror-promql
 * (highlighting, linting, completion of functions, metric names, label names and values from
 * the serving program's API). Enter executes, Shift+Enter inserts a newline.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, completionStatus,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { settings } from '../lib/settings';

const promqlHighlight = HighlightStyle.define([
  { tag: tags.number, class: 'pq-number' },
  { tag: tags.string, class: 'pq-string' },
  { tag: tags.keyword, class: 'pq-keyword' },
  { tag: tags.function(tags.variableName), class: 'pq-function' },
  { tag: tags.labelName, class: 'pq-label' },
  { tag: tags.modifier, class: 'pq-keyword' },
  { tag: tags.invalid, class: 'pq-invalid' },
  { tag: tags.comment, class: 'pq-comment' },
]);

const editorTheme = EditorView.theme({
  '&': { fontSize: '13px', background: 'var(--bg)', color: 'var(--fg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'var(--mono)', padding: '6px 0', caretColor: 'var(--fg)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-tooltip': { background: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)', maxHeight: '16em' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { background: 'color-mix(in srgb, var(--link) 25%, transparent)', color: 'var(--fg)' },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-completionInfo': { maxWidth: 'min(400px, 80vw)' },
  '.cm-diagnostic': { whiteSpace: 'pre-wrap' },
  '.cm-matchingBracket': { background: 'color-mix(in srgb, var(--link) 20%, transparent)' },
});

/** One completion client for the page: its cache (metric names, metadata) is shared by every panel. */
let sharedExtension: PromQLExtension | null = null;

function promqlExtension(): PromQLExtension {
  sharedExtension ??= new PromQLExtension()
    .activateCompletion(true)
    .activateLinter(true)
    .setComplete({
      remote: {
        url: settings.prefix,
        // Completion failures (e.g. the server is away) must not disturb typing.
        httpErrorHandler: () => undefined,
        cache: { maxAge: 5 * 60 * 1000 },
      },
    });
  return sharedExtension;
}

export interface PromqlEditorProps {
  /** The initial text: the editor owns its text afterwards (remount it with a new key to replace it). */
  value: string;
  onChange: (expr: string) => void;
  /** Enter (or the Execute button): run the expression. */
  onExecute: (expr: string) => void;
  autoFocus?: boolean;
}

export function PromqlEditor(props: PromqlEditorProps): JSX.Element {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const cb = useRef(props);
  cb.current = props;

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const execute = (v: EditorView): boolean => {
      if (completionStatus(v.state) === 'active') return false;
      cb.current.onExecute(v.state.doc.toString());
      return true;
    };
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          highlightSpecialChars(),
          history(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          EditorView.lineWrapping,
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          placeholder('Enter expression (press Shift+Enter for newlines)'),
          syntaxHighlighting(promqlHighlight),
          promqlExtension().asExtension(),
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': 'Expression', 'data-testid': 'query-input' }),
          keymap.of([{ key: 'Escape', run: (v) => { v.contentDOM.blur(); return false; } }]),
          Prec.highest(keymap.of([
            { key: 'Enter', run: execute },
            { key: 'Shift-Enter', run: insertNewlineAndIndent },
          ])),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) cb.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    if (props.autoFocus === true) view.focus();
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, []);

  return <div class="promql-editor" data-testid="query-editor" ref={hostRef} />;
}
