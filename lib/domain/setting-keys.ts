/**
 * Which strings can be the name of an extension setting, for the create and the update schema
 * alike. A key becomes a Helm value path (`--set key=value`, `a.b[0].c`) and a word of the
 * exported `az` command, so anything Helm's `--set` syntax or a shell would read as structure is
 * refused: `=` and `,` (Helm's separators), whitespace, control and format characters, quotes,
 * `;`, `$`, backtick, and a leading `-` (an option to `az`). Every real key passes: the documented
 * settings, the CLI's own dotted keys (`scoringFe.sslCert`, `prometheus.prometheusSpec...`) and
 * node selectors with a label prefix (`nodeSelector.example.com/pool`). Letters outside ASCII
 * pass here on purpose, so validation can still say which setting a look-alike such as a
 * Cyrillic `е` imitates. Pure.
 */
import { z } from 'zod';

import type { DomainText } from '@/lib/i18n/domain-text';

/** Keeps a key small enough to show in a message; ARM itself allows more. */
export const MAX_SETTING_KEY_LENGTH = 256;

/** Letters, digits, `_ . / [ ] -`; not empty, not starting with `-`. */
const SETTING_KEY_PATTERN = /^[\p{L}\p{N}_./[\]][\p{L}\p{N}_./[\]-]*$/u;

/** Characters of a refused key shown in its message; enough to find it, short enough to read. */
const SHOWN_KEY_LENGTH = 64;

/** True when `key` can name a setting (see the module). */
export function isSettingKey(key: string): boolean {
  return key.length <= MAX_SETTING_KEY_LENGTH && SETTING_KEY_PATTERN.test(key);
}

/** The key as a message shows it: control characters escaped (`\n`, `\u0000`), long ones cut. */
function shownKey(key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  return escaped.length > SHOWN_KEY_LENGTH ? `${escaped.slice(0, SHOWN_KEY_LENGTH)}…` : escaped;
}

/**
 * A record of settings whose every key passes {@link isSettingKey}; a refused key is reported at
 * its own path (`configurationSettings.<key>`) with a message, in `text`'s language, naming it.
 */
export function settingsRecordSchema<V extends z.ZodType>(value: V, text: DomainText) {
  return z.record(z.string(), value).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      if (isSettingKey(key)) continue;
      ctx.addIssue({ code: 'custom', path: [key], message: text('cli.settingKeyInvalid', { key: shownKey(key), max: MAX_SETTING_KEY_LENGTH }) });
    }
  });
}
