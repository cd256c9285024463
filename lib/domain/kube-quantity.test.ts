import { describe, expect, it } from 'vitest';

import { compareQuantities, isWholeQuantity, isZeroQuantity, parseQuantity, quantityToNumber, type ParsedQuantity } from './kube-quantity';

function q(text: string): ParsedQuantity {
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.quantity;
}

describe('parseQuantity', () => {
  it.each(['1', '0', '100m', '1.5', '.5', '1.', '+2', '4Gi', '1500Mi', '2e3', '2E-3', '1k', '1M', '1E', '5n', '7u', '0.5Ti', '1Ei'])('accepts %s', (text) => {
    expect(parseQuantity(text).ok).toBe(true);
  });

  it.each(['', ' 1', '1 ', '1 Gi', 'Gi', 'm', '1.5.3', '1gi', '1KB', '1mi', '1e', '1e1.5', 'abc', '--1', '1,5', '0x10', '1Ki1'])('refuses %j', (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });

  it('says why: empty, syntax, too large', () => {
    expect(parseQuantity('')).toEqual({ ok: false, error: 'empty' });
    expect(parseQuantity('1GB')).toEqual({ ok: false, error: 'syntax' });
    expect(parseQuantity('1e400')).toEqual({ ok: false, error: 'tooLarge' });
    expect(parseQuantity('9223372036854775808')).toEqual({ ok: false, error: 'tooLarge' });
    expect(parseQuantity('9223372036854775807').ok).toBe(true);
    expect(parseQuantity('8Ei')).toEqual({ ok: false, error: 'tooLarge' });
  });

  it('keeps the value exact', () => {
    expect(q('100m')).toMatchObject({ numerator: 1n, denominator: 10n, suffix: 'm', format: 'decimalSI' });
    expect(q('1.5Gi')).toMatchObject({ numerator: 1610612736n, denominator: 1n, format: 'binarySI' });
    expect(q('2e3')).toMatchObject({ numerator: 2000n, denominator: 1n, format: 'decimalExponent' });
    expect(quantityToNumber(q('1500Mi'))).toBe(1500 * 1024 * 1024);
  });

  it('reads the sign; -0 is zero, not negative', () => {
    expect(q('-1').negative).toBe(true);
    expect(q('-0').negative).toBe(false);
    expect(q('+1').negative).toBe(false);
  });
});

describe('compareQuantities', () => {
  it.each([
    ['700m', '1', -1],
    ['1', '1000m', 0],
    ['1500Mi', '2Gi', -1],
    ['1Gi', '1G', 1],
    ['1k', '1000', 0],
    ['0.1', '100m', 0],
    ['2e3', '2k', 0],
    ['-1', '0', -1],
    ['3', '2', 1],
  ] as const)('%s vs %s is %i', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
  });
});

describe('zero and whole', () => {
  it('knows zero in any suffix', () => {
    expect(isZeroQuantity(q('0'))).toBe(true);
    expect(isZeroQuantity(q('0.0Gi'))).toBe(true);
    expect(isZeroQuantity(q('1m'))).toBe(false);
  });

  it('knows whole numbers of base units', () => {
    expect(isWholeQuantity(q('2'))).toBe(true);
    expect(isWholeQuantity(q('2000m'))).toBe(true);
    expect(isWholeQuantity(q('1k'))).toBe(true);
    expect(isWholeQuantity(q('1.5'))).toBe(false);
    expect(isWholeQuantity(q('500m'))).toBe(false);
  });
});
