/**
 * Session persistence of the deploy wizard, so a reload restores it. The private key and the
 * certificate are never written: they stay in form memory only, and a restored PEM choice asks
 * for the files again.
 */
import { DEFAULT_DEPLOY_FORM, DEPLOY_STEPS, STEP_SCHEMAS, type DeployForm, type DeployStep } from '@/lib/domain/deploy-schema';

/** Versioned so a changed form shape never restores into the wrong fields. */
export const WIZARD_STORAGE_KEY = 'azureml-portal.deploy-wizard.v1';

export interface SavedWizard {
  step: DeployStep;
  form: DeployForm;
}

/** The form without PEM text: what may touch storage. */
export function withoutPemText(form: DeployForm): DeployForm {
  if (form.tls.mode !== 'pem') return form;
  return { ...form, tls: { ...form.tls, certPem: '', keyPem: '' } };
}

export function saveWizard(step: DeployStep, form: DeployForm): void {
  try {
    window.sessionStorage.setItem(WIZARD_STORAGE_KEY, JSON.stringify({ step, form: withoutPemText(form) } satisfies SavedWizard));
  } catch {
    // Storage full or disabled (private mode): the wizard still works, it just will not survive a reload.
  }
}

export function clearWizard(): void {
  try {
    window.sessionStorage.removeItem(WIZARD_STORAGE_KEY);
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/**
 * The saved wizard, or null. Each step's part is checked against that step's schema and falls
 * back to the defaults when malformed; the cross-field rules are not applied, because a
 * half-filled wizard is a legitimate thing to restore.
 */
export function loadWizard(): SavedWizard | null {
  let raw: string | null = null;
  try {
    raw = window.sessionStorage.getItem(WIZARD_STORAGE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { step?: unknown; form?: unknown };
    let form: DeployForm = { ...DEFAULT_DEPLOY_FORM };
    for (const schema of Object.values(STEP_SCHEMAS)) {
      const part = schema.safeParse(parsed.form);
      if (part.success) form = { ...form, ...(part.data as Partial<DeployForm>) };
    }
    const step = DEPLOY_STEPS.find((candidate) => candidate === parsed.step) ?? 'cluster';
    return { step, form: withoutPemText(form) };
  } catch {
    return null;
  }
}
