/**
 * Issue 16 row 1, the UI's side: the PATCH never carries `null`, so a setting the answers no
 * longer write stays on the extension, and the update review says so before anything is sent:
 * a node selector still restricts where workloads run, any other key stays unused. Rendered as
 * the browser gets it, in both languages.
 */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'use-intl';
import { describe, expect, it, vi } from 'vitest';

import { MESSAGES } from '@/lib/i18n/messages';

import { StepUpdateReview } from './step-update-review';
import type { UpdatePlanState, UpdateReviewState } from './use-update-review';

function render(node: ReactNode, locale: 'en' | 'pt-BR'): string {
  // IntlProvider's props require `children`, so createElement's types want them there (a .ts test has no JSX).
  // eslint-disable-next-line react/no-children-prop
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: MESSAGES[locale], timeZone: 'UTC', children: node }));
}

const SETTINGS = { enableTraining: 'True', enableInference: 'False', 'nodeSelector.pool': 'gpu', inferenceRouterServiceType: 'loadBalancer' };

/** A planned update that turns inference off and drops the node selector from the answers. */
const PLANNED: UpdatePlanState = {
  status: 'planned',
  patch: { properties: { configurationSettings: SETTINGS } },
  changed: ['enableInference'],
  changes: [{ key: 'enableInference', before: 'True', after: 'False' }],
  kept: [
    { key: 'nodeSelector.pool', value: 'gpu', reason: 'nodeSelectorStays' },
    { key: 'inferenceRouterServiceType', value: 'loadBalancer', reason: 'unused' },
  ],
  impacts: [],
  findings: [],
  protectedSettings: 'keep',
};

const review = (plan: UpdatePlanState): UpdateReviewState => ({
  plan,
  submit: { status: 'idle' },
  confirmed: false,
  setConfirmed: vi.fn(),
  canSubmit: true,
  startReview: vi.fn(),
  submitNow: vi.fn(),
  returnTo: '/update',
});

const html = (locale: 'en' | 'pt-BR') =>
  render(createElement(StepUpdateReview, { review: review(PLANNED), steps: ['router', 'review'], onGoTo: vi.fn(), onReplan: vi.fn() }), locale);

describe('the update review says what an update cannot remove', () => {
  it('in English: the node selector still restricts, the other key stays unused, and the body it shows has no null', () => {
    const page = html('en');
    expect(page).toContain('What stays');
    expect(page).toContain('nodeSelector.pool=gpu stays and still restricts where workloads run: an update cannot remove a node selector.');
    expect(page).toContain('inferenceRouterServiceType=loadBalancer stays on the extension, no longer used: ARM cannot remove a setting.');
    expect(page).toContain('&quot;nodeSelector.pool&quot;: &quot;gpu&quot;');
    expect(page).not.toContain('null');
  });

  it('in Brazilian Portuguese', () => {
    const page = html('pt-BR');
    expect(page).toContain('O que permanece');
    expect(page).toContain('uma atualização não consegue remover um seletor de nós');
    expect(page).toContain('o ARM não consegue remover uma configuração');
  });

  it('shows no such section when nothing stays', () => {
    const page = render(
      createElement(StepUpdateReview, { review: review({ ...PLANNED, kept: [] }), steps: ['router', 'review'], onGoTo: vi.fn(), onReplan: vi.fn() }),
      'en',
    );
    expect(page).not.toContain('What stays');
  });
});
