/**
 * The reviews' "could not be planned" answer, rendered as the browser gets it: signing in again
 * returns to the page the review is on (the update page with its query, not the install wizard).
 */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'use-intl';
import { describe, expect, it, vi } from 'vitest';

import { MESSAGES } from '@/lib/i18n/messages';
import { signInPath } from '@/lib/auth/return-to';
import { updatePagePath } from '@/lib/ui/routes';

import { PlanFailure } from './plan-failure';
import { StepUpdateReview } from './step-update-review';
import type { UpdateReviewState } from './use-update-review';

const EXTENSION = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.KubernetesConfiguration/extensions/azureml';
const RENEWAL = updatePagePath(EXTENSION, { renew: true });

function render(node: ReactNode, locale: 'en' | 'pt-BR' = 'en'): string {
  // IntlProvider's props require `children`, so createElement's types want them there (a .ts test has no JSX).
  // eslint-disable-next-line react/no-children-prop
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: MESSAGES[locale], timeZone: 'UTC', children: node }));
}

/** The hrefs of the markup's links, decoded as the browser reads them. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href.replaceAll('&amp;', '&'));

function review(plan: UpdateReviewState['plan'], submit: UpdateReviewState['submit'] = { status: 'idle' }): UpdateReviewState {
  return { plan, submit, confirmed: false, setConfirmed: vi.fn(), canSubmit: false, startReview: vi.fn(), submitNow: vi.fn(), returnTo: RENEWAL };
}

const updateReview = (state: UpdateReviewState) => render(createElement(StepUpdateReview, { review: state, steps: ['router', 'review'], onGoTo: vi.fn(), onReplan: vi.fn() }));

describe('the update review when the sign-in has ended', () => {
  it('offers signing in again back to the update page, its query kept, and says the update opens afresh', () => {
    const html = updateReview(review({ status: 'unauthenticated', message: 'Your sign-in has ended.' }));
    expect(html).toContain('The update could not be planned');
    expect(hrefs(html)).toEqual([signInPath(RENEWAL, 'expired')]);
    expect(signInPath(RENEWAL, 'expired')).toContain(encodeURIComponent('/update?id='));
    expect(html).toContain("the update opens again on the extension&#x27;s current settings");
    expect(html).not.toContain('Try again');
  });

  it('reads Azure refusing the token as an ended sign-in too, and an Update refused so the same way', () => {
    const refused = { status: 'failed' as const, code: 'Unauthenticated', message: 'Azure refused the token.', retryable: false };
    expect(hrefs(updateReview(review(refused)))).toEqual([signInPath(RENEWAL, 'expired')]);
    const planned = { status: 'idle' as const };
    expect(hrefs(updateReview(review(planned, refused)))).toEqual([signInPath(RENEWAL, 'expired')]);
  });

  it('offers a retry, not a sign-in, when Azure failed otherwise', () => {
    const html = updateReview(review({ status: 'failed', code: 'Throttled', message: 'Azure is busy.', retryable: true }));
    expect(html).toContain('Try again');
    expect(hrefs(html)).toEqual([]);
  });
});

describe('PlanFailure, shared by the install and the update reviews', () => {
  it('links through sign-in to the page it is given, with the note it is given, in the language of the page', () => {
    const html = render(
      createElement(PlanFailure, { title: 'Não planejado', failure: { status: 'unauthenticated', message: 'Entre.' }, signIn: { returnTo: '/deploy', note: '; ok.' }, onRetry: vi.fn() }),
      'pt-BR',
    );
    expect(hrefs(html)).toEqual([signInPath('/deploy', 'expired')]);
    expect(html).toContain('Entrar novamente');
    expect(html).toContain('; ok.');
  });
});
