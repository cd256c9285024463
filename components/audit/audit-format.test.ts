import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/types';
import { MESSAGES } from '@/lib/i18n/messages';

import { actionKey, nameOf, writtenNameOf } from './audit-format';

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
    expect(AUDIT_ACTIONS.map(english)).toEqual([
      'Install',
      'Update',
      'Delete',
      'Register provider',
      'Attach to workspace',
      'Detach from workspace',
      'Apply instance type',
      'Delete instance type',
    ]);
    expect(AUDIT_ACTIONS.map(portuguese)).toEqual([
      'Instalação',
      'Atualização',
      'Exclusão',
      'Registro de provedor',
      'Anexação a workspace',
      'Desanexação de workspace',
      'Aplicação de tipo de instância',
      'Exclusão de tipo de instância',
    ]);
  });

  it('shows an action this portal does not know as stored', () => {
    expect(actionKey('rename' as AuditAction)).toBeUndefined();
  });

  it('names a resource by the last segment of its id', () => {
    expect(nameOf('/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/aks-a')).toBe('aks-a');
    expect(nameOf(undefined)).toBe('—');
  });

  it("names an attach's compute where an extension row names its extension", () => {
    const compute = '/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/aks-a-compute';
    expect(writtenNameOf({ resourceId: compute })).toBe('aks-a-compute');
    expect(writtenNameOf({ extensionId: '/subscriptions/s/x/extensions/azureml' })).toBe('azureml');
    expect(writtenNameOf({})).toBe('—');
  });
});
