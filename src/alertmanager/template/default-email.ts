/**
 * Vigil's default HTML email (`email.default.html`) and subject, rendering as Alertmanager's
 * email.tmpl: the layout and inline styles of Mailgun's transactional email templates (MIT,
 * notice kept below), with a header cell, a button to Alertmanager, the firing then resolved
 * alerts with their labels, annotations and source link, and a footer.
 */

const FONT = "font-family: 'Helvetica Neue', Helvetica, Arial, sans-serif; box-sizing: border-box;";

/** An inline style starting with `margin: 0;` and the font, then `rest`. */
function style(rest: string): string {
  return `margin: 0; ${FONT} ${rest}`;
}

const BASE = style('font-size: 14px;');
const TOP = style('font-size: 14px; vertical-align: top;');
const BLOCK = style('font-size: 14px; vertical-align: top; padding: 0 0 20px;');
const TR = `<tr style="${BASE}">`;
const BR = `<br style="${BASE}">`;

const LICENSE = `<!--
Style and HTML derived from https://github.com/mailgun/transactional-email-templates


The MIT License (MIT)

Copyright (c) 2014 Mailgun

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
-->`;

const MEDIA_QUERY = [
  '@media only screen and (max-width: 640px) {',
  '  body {\n    padding: 0 !important;\n  }',
  '',
  '  h1,\nh2,\nh3,\nh4 {\n    font-weight: 800 !important;\n    margin: 20px 0 5px !important;\n  }',
  '',
  ...[['h1', '22px'], ['h2', '18px'], ['h3', '16px']].map(([h, size]) => `  ${h} {\n    font-size: ${size} !important;\n  }\n`),
  '  .container {\n    padding: 0 !important;\n    width: 100% !important;\n  }',
  '',
  '  .content {\n    padding: 0 !important;\n  }',
  '',
  '  .content-wrap {\n    padding: 10px !important;\n  }',
  '',
  '  .invoice {\n    width: 100% !important;\n  }',
  '}',
].join('\n');

const HEAD = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" style="${BASE}">
<head>
<meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{{ template "__subject" . }}</title>
<style>
${MEDIA_QUERY}
</style>
</head>`;

/** The coloured header cell: "N alerts for" and the group labels. */
function headerCell(kind: string, color: string, pairSuffix: string): string {
  const cellStyle = style(`vertical-align: top; font-size: 16px; color: #fff; font-weight: 500; padding: 20px; text-align: center; border-radius: 3px 3px 0 0; background-color: ${color};`);
  return `            <td class="alert alert-${kind}" style="${cellStyle}" valign="top" align="center" bgcolor="${color}">
              {{ len .Alerts }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}
                {{ .Name }}={{ .Value }}${pairSuffix}
              {{ end }}
            </td>`;
}

/** A row of the alert table holding `content`. */
function blockRow(content: string): string {
  return `                ${TR}
                  <td class="content-block" style="${BLOCK}" valign="top">
${content}
                  </td>
                </tr>`;
}

/** "[N] Firing" / "[N] Resolved". */
function countRow(which: string): string {
  return blockRow(`                    <strong style="${BASE}">[{{ len .Alerts.${which} }}] ${which}</strong>`);
}

/** One alert: its labels, annotations (when it has some) and a link to its source. */
const ALERT_ROW = blockRow([
  `                    <strong style="${BASE}">Labels</strong>${BR}`,
  `                    {{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}${BR}{{ end }}`,
  `                    {{ if gt (len .Annotations) 0 }}<strong style="${BASE}">Annotations</strong>${BR}{{ end }}`,
  `                    {{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}${BR}{{ end }}`,
  `                    <a href="{{ .GeneratorURL }}" style="${style('font-size: 14px; color: #348eda; text-decoration: underline;')}">Source</a>${BR}`,
].join('\n'));

const SEPARATOR_ROW = blockRow([`<br style="${BASE}">`, `<hr style="${BASE}">`, `<br style="${BASE}">`]
  .map((l) => `                    ${l}`).join('\n'));

const BUTTON_STYLE = style('font-size: 14px; text-decoration: none; color: #FFF; background-color: #348eda; border: solid #348eda; border-width: 10px 20px; line-height: 2em; font-weight: bold; text-align: center; cursor: pointer; display: inline-block; border-radius: 5px; text-transform: capitalize;');

const ALERT_TABLE = `              <table width="100%" cellpadding="0" cellspacing="0" style="${BASE}">
${blockRow(`                    <a href="{{ template "__alertmanagerURL" . }}" class="btn-primary" style="${BUTTON_STYLE}">View in {{ template "__alertmanager" . }}</a>`)}
                {{ if gt (len .Alerts.Firing) 0 }}
${countRow('Firing')}
                {{ end }}
                {{ range .Alerts.Firing }}
${ALERT_ROW}
                {{ end }}

                {{ if gt (len .Alerts.Resolved) 0 }}
                  {{ if gt (len .Alerts.Firing) 0 }}
${SEPARATOR_ROW}
                  {{ end }}
${countRow('Resolved')}
                {{ end }}
                {{ range .Alerts.Resolved }}
${ALERT_ROW}
                {{ end }}
              </table>`;

const FOOTER = `        <div class="footer" style="${style('font-size: 14px; width: 100%; clear: both; color: #999; padding: 20px;')}">
          <table width="100%" style="${BASE}">
            ${TR}
              <td class="aligncenter content-block" style="${style('vertical-align: top; padding: 0 0 20px; text-align: center; color: #999; font-size: 12px;')}" valign="top" align="center"><a href="{{ .ExternalURL }}" style="${style('text-decoration: underline; color: #999; font-size: 12px;')}">Sent by {{ template "__alertmanager" . }}</a></td>
            </tr>
          </table>
        </div></div>`;

const BODY_STYLE = style('font-size: 14px; -webkit-font-smoothing: antialiased; -webkit-text-size-adjust: none; height: 100%; line-height: 1.6em; background-color: #f6f6f6; width: 100%;');

const BODY = `<body itemscope itemtype="http://schema.org/EmailMessage" style="${BODY_STYLE}">

<table class="body-wrap" style="${style('font-size: 14px; background-color: #f6f6f6; width: 100%;')}" width="100%" bgcolor="#f6f6f6">
  ${TR}
    <td style="${TOP}" valign="top"></td>
    <td class="container" width="600" style="${FONT} font-size: 14px; vertical-align: top; display: block; max-width: 600px; margin: 0 auto; clear: both;" valign="top">
      <div class="content" style="${FONT} font-size: 14px; max-width: 600px; margin: 0 auto; display: block; padding: 20px;">
        <table class="main" width="100%" cellpadding="0" cellspacing="0" style="${style('font-size: 14px; background-color: #fff; border: 1px solid #e9e9e9; border-radius: 3px;')}" bgcolor="#fff">
          ${TR}
            {{ if gt (len .Alerts.Firing) 0 }}
${headerCell('warning', '#E6522C', '')}
            {{ else }}
${headerCell('good', '#68B90F', ' ')}
            {{ end }}
          </tr>
          ${TR}
            <td class="content-wrap" style="${style('font-size: 14px; vertical-align: top; padding: 30px;')}" valign="top">
${ALERT_TABLE}
            </td>
          </tr>
        </table>

${FOOTER}
    </td>
    <td style="${TOP}" valign="top"></td>
  </tr>
</table>

</body>`;

/** The email defaults (upstream's email.tmpl names). */
export const DEFAULT_EMAIL_TEMPLATES = `
{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
{{ define "email.default.html" }}
${LICENSE}
${HEAD}

${BODY}
</html>

{{ end }}
`;
