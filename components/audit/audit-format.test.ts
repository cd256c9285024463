import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/types';
import { MESSAGES } from '@/lib/i18n/messages';

import { actionKey, nameOf } from './audit-format';

const labelsIn = (locale: 'en' | 'pt-BR') => {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'audit.actions' });
  return (action: AuditAction) => {
    const key = actionKey(action);
    return key ? t(key) : action;
  };
};

describe('audit wording', () => {
  it('names every stored action in both languages, leaving the stored value alone', () => {
    const english = labelsIn('en');
    const portuguese = labelsIn('pt-BR');
    expect(AUDIT_ACTIONS.map(english)).toEqual(['Install', 'Update', 'Delete', 'Register provider']);
    expect(AUDIT_ACTIONS.map(portuguese)).toEqual(['Instalação', 'Atualização', 'Exclusão', 'Registro de provedor']);
  });

  it('shows an action this portal does not know as stored', () => {
    expect(actionKey('rename' as AuditAction)).toBeUndefined();
  });

  it('names a resource by the last segment of its id', () => {
    expect(nameOf('/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/aks-a')).toBe('aks-a');
    expect(nameOf(undefined)).toBe('—');
  });
});
