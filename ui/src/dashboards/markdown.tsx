/**
 * The text panel's content rendered safely: a small markdown-to-VNode renderer (no HTML string
 * ever reaches the DOM; raw HTML inside markdown shows as text) and, for mode html, a
 * sanitizer that rebuilds only a tiny allow-list of elements and attributes as VNodes.
 */
import type { ComponentChild, JSX } from 'preact';
import { h } from 'preact';

/** A URL that may be a link target: http(s), mailto, or relative. Anything else is dropped. */
export function safeUrl(url: string): string | null {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('//')) return null;
  return u;
}

function inline(text: string, key = 0): ComponentChild[] {
  const out: ComponentChild[] = [];
  const re = /`([^`]+)`|\*\*(.+?)\*\*|(?<!\w)__(.+?)__(?!\w)|\*(.+?)\*|(?<!\w)_(.+?)_(?!\w)|!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|(https?:\/\/[^\s<>()]+)/g;
  let last = 0;
  let k = key;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    last = at + m[0].length;
    k++;
    if (m[1] !== undefined) out.push(h('code', { key: k }, m[1]));
    else if (m[2] !== undefined || m[3] !== undefined) out.push(h('strong', { key: k }, inline(m[2] ?? m[3] ?? '', k * 100)));
    else if (m[4] !== undefined || m[5] !== undefined) out.push(h('em', { key: k }, inline(m[4] ?? m[5] ?? '', k * 100)));
    else if (m[7] !== undefined) {
      const src = safeUrl(m[7]);
      out.push(src !== null && /^https?:|^\//i.test(src) ? h('img', { key: k, src, alt: m[6] ?? '', style: { maxWidth: '100%' } }) : (m[6] ?? ''));
    } else if (m[8] !== undefined) {
      const href = safeUrl(m[9] ?? '');
      out.push(href !== null ? h('a', { key: k, href, target: '_blank', rel: 'noopener noreferrer' }, inline(m[8], k * 100)) : m[8]);
    } else if (m[10] !== undefined) out.push(h('a', { key: k, href: m[10], target: '_blank', rel: 'noopener noreferrer' }, m[10]));
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

interface ListItem {
  ordered: boolean;
  text: string;
}

/** Renders markdown text as VNodes. */
export function renderMarkdown(src: string): ComponentChild[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out: ComponentChild[] = [];
  let para: string[] = [];
  let list: ListItem[] = [];
  let key = 0;
  const flushPara = (): void => {
    if (para.length > 0) out.push(h('p', { key: key++ }, inline(para.join(' '))));
    para = [];
  };
  const flushList = (): void => {
    if (list.length > 0) {
      const ordered = list[0]?.ordered === true;
      out.push(h(ordered ? 'ol' : 'ul', { key: key++ }, list.map((it, i) => h('li', { key: i }, inline(it.text)))));
    }
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence !== null) {
      flushPara();
      flushList();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'); i++) code.push(lines[i] ?? '');
      out.push(h('pre', { key: key++ }, h('code', null, code.join('\n'))));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      flushPara();
      flushList();
    } else if (heading !== null) {
      flushPara();
      flushList();
      out.push(h(`h${(heading[1] ?? '#').length}`, { key: key++ }, inline(heading[2] ?? '')));
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flushPara();
      flushList();
      out.push(h('hr', { key: key++ }));
    } else if (item !== null) {
      flushPara();
      list.push({ ordered: /\d/.test(item[1] ?? ''), text: item[2] ?? '' });
    } else if (/^\s*>/.test(line)) {
      flushPara();
      flushList();
      out.push(h('blockquote', { key: key++ }, inline(line.replace(/^\s*>\s?/, ''))));
    } else if (list.length > 0 && /^\s+/.test(line)) {
      const lastItem = list[list.length - 1];
      if (lastItem !== undefined) lastItem.text += ` ${line.trim()}`;
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return out;
}

const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'code', 'pre', 'span', 'div', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'blockquote', 'hr', 'small', 'sub', 'sup', 'img']);
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'form', 'head', 'title']);

function sanitizeNode(node: Node, key: number): ComponentChild {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (DROP_WITH_CONTENT.has(tag)) return null;
  const children = [...el.childNodes].map((c, i) => sanitizeNode(c, i));
  if (!ALLOWED.has(tag)) return h('span', { key }, children);
  const props: Record<string, string | number> = { key };
  if (tag === 'a') {
    const href = safeUrl(el.getAttribute('href') ?? '');
    if (href !== null) {
      props['href'] = href;
      props['rel'] = 'noopener noreferrer';
      props['target'] = '_blank';
    }
  }
  if (tag === 'img') {
    const src = safeUrl(el.getAttribute('src') ?? '');
    if (src === null || !/^https?:|^\//i.test(src)) return el.getAttribute('alt') ?? '';
    props['src'] = src;
    props['alt'] = el.getAttribute('alt') ?? '';
  }
  for (const a of ['title', 'colspan', 'rowspan']) {
    const v = el.getAttribute(a);
    if (v !== null) props[a] = a === 'title' ? v : Number(v) || 1;
  }
  return h(tag, props, tag === 'br' || tag === 'hr' || tag === 'img' ? null : children);
}

/** HTML content reduced to an allow-list, rebuilt as VNodes (scripts, handlers, styles dropped). */
export function renderSafeHtml(html: string): ComponentChild[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return [...doc.body.childNodes].map((n, i) => sanitizeNode(n, i));
}

export function TextContent(props: { mode: string; content: string }): JSX.Element {
  if (props.mode === 'html') return <div class="dash-text">{renderSafeHtml(props.content)}</div>;
  if (props.mode === 'code') return <pre class="dash-text"><code>{props.content}</code></pre>;
  return <div class="dash-text">{renderMarkdown(props.content)}</div>;
}
