import { describe, expect, it } from 'vitest';

import { splitCodeSpans } from './code-spans';

describe('splitCodeSpans', () => {
  it('turns each backtick pair into a code run, without the backticks', () => {
    expect(splitCodeSpans('Register it: `az provider register --namespace X`, then wait.')).toEqual([
      { kind: 'text', text: 'Register it: ' },
      { kind: 'code', text: 'az provider register --namespace X' },
      { kind: 'text', text: ', then wait.' },
    ]);
    expect(splitCodeSpans('`a` and `b`')).toEqual([
      { kind: 'code', text: 'a' },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'b' },
    ]);
  });

  it('leaves a text without backticks whole, and an empty text empty', () => {
    expect(splitCodeSpans('Wait a few minutes.')).toEqual([{ kind: 'text', text: 'Wait a few minutes.' }]);
    expect(splitCodeSpans('')).toEqual([]);
  });

  it('keeps an unpaired or empty backtick as written', () => {
    expect(splitCodeSpans('use `kubectl get pods` or ` alone')).toEqual([
      { kind: 'text', text: 'use ' },
      { kind: 'code', text: 'kubectl get pods' },
      { kind: 'text', text: ' or ` alone' },
    ]);
    expect(splitCodeSpans('an empty `` pair')).toEqual([{ kind: 'text', text: 'an empty `` pair' }]);
  });

  it('returns markup as plain text, for the page to render as text nodes', () => {
    expect(splitCodeSpans('`<img src=x onerror=alert(1)>` <b>bold</b>')).toEqual([
      { kind: 'code', text: '<img src=x onerror=alert(1)>' },
      { kind: 'text', text: ' <b>bold</b>' },
    ]);
  });
});
