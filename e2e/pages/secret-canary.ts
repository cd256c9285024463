import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A private key used as a canary: the strings that would give it away wherever they turn up.
 * The PEM's base64 body (whole and line by line, since a leak may be a fragment or JSON-escaped
 * with `\n` between lines) and the base64-of-PEM the portal sends as `scoringFe.sslKey`.
 */
export interface Canary {
  label: string;
  needles: readonly string[];
}

/** Length of the base64-of-PEM slices searched for; long enough to be unique to this key. */
const SLICE = 48;
/** Slices overlap, so any leaked fragment of SLICE + STEP characters or more holds a whole one. */
const STEP = 32;
/**
 * base64 of "-----BEGIN PRIVATE KEY-----\n" is the same for every key; the slices start past it
 * (28 bytes = 37⅓ base64 characters, so from character 40).
 */
const FIRST_UNIQUE_BASE64 = 40;

/** The needles of a PEM key (see {@link Canary}). */
export function canaryOf(label: string, keyPem: string): Canary {
  const bodyLines = keyPem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('-----'));
  const armValue = Buffer.from(keyPem, 'utf8').toString('base64');
  const slices: string[] = [];
  for (let offset = FIRST_UNIQUE_BASE64; offset + SLICE <= armValue.length; offset += STEP) slices.push(armValue.slice(offset, offset + SLICE));
  // The last line is short and may be common-looking padding; the full lines are 64 characters.
  const lines = bodyLines.filter((line) => line.length >= 40);
  return { label, needles: [bodyLines.join(''), ...lines, armValue, ...slices] };
}

/** The value the emulator must have received as `scoringFe.sslKey`, hashed as it reports it. */
export function expectedArmKeyHash(keyPem: string): string {
  return createHash('sha256').update(Buffer.from(keyPem, 'utf8').toString('base64'), 'utf8').digest('hex');
}

/** True when `text` holds any needle of the canary. */
export function containsCanary(text: string, canary: Canary): boolean {
  return canary.needles.some((needle) => text.includes(needle));
}

/** Where, among named texts, the canary turns up: an empty list when it never does. */
export function placesHolding(texts: ReadonlyArray<{ where: string; text: string }>, canary: Canary): string[] {
  return texts.filter(({ text }) => containsCanary(text, canary)).map(({ where }) => where);
}

/** Every file under `dir`, read as latin1 (binary-safe; base64 and PEM are ASCII). */
export function filesUnder(dir: string): Array<{ where: string; text: string }> {
  const found: Array<{ where: string; text: string }> = [];
  const visit = (p: string) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
    else found.push({ where: p, text: readFileSync(p).toString('latin1') });
  };
  visit(dir);
  return found;
}
