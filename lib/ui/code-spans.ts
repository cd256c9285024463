/**
 * Fix texts (preflight findings, failure explanations, PEM checks) write commands between
 * backticks, Markdown style: "Register it: `az provider register …`". This splits such a text into
 * its plain and code parts so a page can show the commands as code (components/code-text.tsx)
 * instead of showing the backticks. Pure, and parts are plain strings: the page renders them as
 * text nodes, never as HTML, so nothing in a message or an ARM string can inject markup.
 */

/** One run of a text: plain words, or a command that was between backticks (without them). */
export interface TextPart {
  kind: 'text' | 'code';
  text: string;
}

/**
 * The text's plain and code runs, in order, empty runs left out. A backtick without a partner
 * (an odd one at the end) stays in the text as written, and so does an empty pair (``), so no
 * character of the original is lost except the backticks that delimit a code run.
 */
export function splitCodeSpans(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (kind: TextPart['kind'], run: string) => {
    if (run === '') return;
    const last = parts[parts.length - 1];
    if (kind === 'text' && last?.kind === 'text') last.text += run;
    else parts.push({ kind, text: run });
  };
  let rest = text;
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) break;
    push('text', rest.slice(0, open));
    const code = rest.slice(open + 1, close);
    if (code.trim() === '') push('text', rest.slice(open, close + 1));
    else push('code', code);
    rest = rest.slice(close + 1);
  }
  push('text', rest);
  return parts;
}
