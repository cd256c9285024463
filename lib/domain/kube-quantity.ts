/**
 * Kubernetes resource quantities (`100m`, `1.5`, `4Gi`, `2e3`), the grammar of apimachinery's
 * `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 *
 *     <quantity>        ::= <signedNumber><suffix>
 *     <signedNumber>    ::= <number> | <sign><number>
 *     <sign>            ::= "+" | "-"
 *     <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *     <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 *     <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *     <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
 *     <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 *
 * (`n` and `u` are accepted by its suffixer though the grammar comment omits them; the exponent's
 * number is an integer in practice.) Values are kept exact, as a fraction of BigInts, so
 * `1500Mi <= 2Gi` and `700m <= 1` compare without floating-point error. Pure, no messages: callers
 * turn a {@link QuantityError} into a sentence.
 */

/** An exact, non-negative rational value: `numerator / denominator`. */
export interface ParsedQuantity {
  /** The text as given (trimmed nothing: quantities carry no whitespace). */
  text: string;
  negative: boolean;
  numerator: bigint;
  denominator: bigint;
  /** The suffix as written: `''`, `m`, `Ki`, `e3`, ... */
  suffix: string;
  /** Which family the suffix belongs to. */
  format: 'decimalSI' | 'binarySI' | 'decimalExponent';
}

/** Why a text is not a quantity. */
export type QuantityError = 'empty' | 'syntax' | 'tooLarge';

export type QuantityResult = { ok: true; quantity: ParsedQuantity } | { ok: false; error: QuantityError };

const NUMBER = /^([+-]?)(\d+\.?\d*|\.\d+)/;
const BINARY_SI: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SI: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const EXPONENT = /^[eE]([+-]?\d+)$/;

/**
 * Kubernetes caps quantities at 2^63-1 (in the quantity's base unit); beyond that (and for absurd
 * exponents, which would make BigInts explode) the text is refused rather than silently capped.
 */
export const QUANTITY_MAX = 2n ** 63n - 1n;
const MAX_EXPONENT = 40;
const MAX_DIGITS = 40;

/** Parses a quantity; never throws. */
export function parseQuantity(text: string): QuantityResult {
  if (text === '') return { ok: false, error: 'empty' };
  const number = NUMBER.exec(text);
  if (!number) return { ok: false, error: 'syntax' };
  const [whole, sign, digitsText] = number;
  const suffix = text.slice(whole.length);
  let format: ParsedQuantity['format'];
  let exponent10 = 0;
  let exponent2 = 0;
  if (Object.hasOwn(BINARY_SI, suffix)) {
    format = 'binarySI';
    exponent2 = BINARY_SI[suffix];
  } else if (Object.hasOwn(DECIMAL_SI, suffix)) {
    format = 'decimalSI';
    exponent10 = DECIMAL_SI[suffix];
  } else {
    const exponent = EXPONENT.exec(suffix);
    if (!exponent) return { ok: false, error: 'syntax' };
    format = 'decimalExponent';
    exponent10 = Number(exponent[1]);
    if (!Number.isSafeInteger(exponent10) || Math.abs(exponent10) > MAX_EXPONENT) return { ok: false, error: 'tooLarge' };
  }
  const [intPart, fracPart = ''] = digitsText.split('.');
  const digits = `${intPart}${fracPart}`.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS) return { ok: false, error: 'tooLarge' };
  exponent10 -= fracPart.length;
  let numerator = BigInt(digits || '0') * 2n ** BigInt(exponent2);
  let denominator = 1n;
  if (exponent10 >= 0) numerator *= 10n ** BigInt(exponent10);
  else denominator = 10n ** BigInt(-exponent10);
  const divisor = gcd(numerator, denominator);
  numerator /= divisor;
  denominator /= divisor;
  if (numerator > QUANTITY_MAX * denominator) return { ok: false, error: 'tooLarge' };
  return { ok: true, quantity: { text, negative: sign === '-' && numerator !== 0n, numerator, denominator, suffix, format } };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (exact). */
export function compareQuantities(a: ParsedQuantity, b: ParsedQuantity): -1 | 0 | 1 {
  const left = (a.negative ? -a.numerator : a.numerator) * b.denominator;
  const right = (b.negative ? -b.numerator : b.numerator) * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when the value is zero (`0`, `0m`, `0.0Gi`). */
export function isZeroQuantity(quantity: ParsedQuantity): boolean {
  return quantity.numerator === 0n;
}

/** True when the value is a whole number of base units (`2`, `2000m`, `1k`; not `1.5`, `500m`). */
export function isWholeQuantity(quantity: ParsedQuantity): boolean {
  return quantity.denominator === 1n;
}

/** The value as a JavaScript number (approximate for huge or very precise values): for display and sorting only. */
export function quantityToNumber(quantity: ParsedQuantity): number {
  const value = Number(quantity.numerator) / Number(quantity.denominator);
  return quantity.negative ? -value : value;
}
