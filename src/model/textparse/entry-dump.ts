/** Renders a parser's entries one per line (used by the parser tests and the fuzz test). */
import { EntryComment, EntryEOF, EntryHelp, EntrySeries, EntryType, type Parser } from './interface.js';

/** Runs a parser to the end, rendering each entry on a line. */
export function dump(p: Parser): string[] {
  const out: string[] = [];
  for (;;) {
    const e = p.next();
    if (e === EntryEOF) return out;
    if (e === EntrySeries) {
      const s = p.series();
      const ex = p.exemplar();
      const exText = ex ? ` # ${ex.labels.toString()} ${ex.value}${ex.timestamp === null ? '' : ' ' + ex.timestamp}` : '';
      out.push(`series ${s.text} => ${p.labels().toString()} ${s.value}${s.timestamp === null ? '' : ' @' + s.timestamp}${exText}`);
    } else if (e === EntryType) out.push(`type ${p.type().name} ${p.type().value}`);
    else if (e === EntryHelp) out.push(`help ${p.help().name} ${JSON.stringify(p.help().value)}`);
    else if (e === EntryComment) out.push(`comment ${JSON.stringify(p.comment())}`);
    else out.push(`unit ${p.unit().name} ${p.unit().value}`);
  }
}

