/**
 * What a PEM file input (certificate or private key) shows: exactly one state, decided here.
 * Three sources feed a file field, and they used to be shown side by side (a red "not a PEM
 * certificate" above a grey "Certificate loaded"): the text read from the file, the form's error
 * at the field (the zod schema in the browser, the size refusal, or the server PEM check put there
 * by `setError`), and the server check's certificate summary. This function picks one.
 *
 * | state     | when                                                                    | shows                          |
 * |-----------|-------------------------------------------------------------------------|--------------------------------|
 * | `reading` | a chosen file is being read and validated                               | its name                       |
 * | `invalid` | the form has an error at the field, or the text fails the textual check | that one message               |
 * | `empty`   | nothing read, and no error yet                                          | nothing                        |
 * | `loaded`  | text that passes the textual check, and no error                        | its name, the summary if known |
 *
 * The textual check (`pemTextProblems`, the one the schema runs) is applied here too, so a file
 * that is not a PEM certificate never says "loaded", even for the render before the form's
 * validation has answered. Pure: no React, runs in tests as it runs in the browser.
 */
import { SETTING } from '@/lib/domain/cli-settings';
import { pemTextProblems } from '@/lib/domain/cli-validation';
import type { CertificateSummary } from '@/lib/domain/pem-checks';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

/** The one thing a PEM file field shows. */
export type FileFieldState =
  | { kind: 'empty' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'loaded'; fileName?: string; certificate?: CertificateSummary }
  | { kind: 'invalid'; message: string };

/** What is known about one PEM file field. */
export interface FileFieldFacts {
  /** Which PEM the field holds: decides the textual rules and the messages. */
  pem: 'certificate' | 'key';
  /** The PEM text in the form; '' when none. */
  text: string;
  /** The name of the file being read right now, if any. */
  reading?: string;
  /** The name of the file whose text is in the form, if known. */
  fileName?: string;
  /** The form's error message at this field (browser schema, size refusal or server check). */
  error?: string;
  /** The server check's summary of this certificate, when it was made for the current text. */
  certificate?: CertificateSummary;
}

/** The one state a PEM file field shows; see the table in this module's comment. */
export function fileFieldState(facts: FileFieldFacts, text: DomainText = englishText): FileFieldState {
  if (facts.reading !== undefined) return { kind: 'reading', fileName: facts.reading };
  if (facts.error) return { kind: 'invalid', message: facts.error };
  if (facts.text === '') return { kind: 'empty' };
  const key = facts.pem === 'certificate' ? SETTING.sslCertPemFile : SETTING.sslKeyPemFile;
  const [problem] = pemTextProblems(key, facts.text, facts.pem, text);
  if (problem) return { kind: 'invalid', message: problem.message };
  return {
    kind: 'loaded',
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
    ...(facts.pem === 'certificate' && facts.certificate ? { certificate: facts.certificate } : {}),
  };
}
