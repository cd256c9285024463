/**
 * The files the install review downloads: the same text its copy button copies (one source), under
 * a name that says which extension, which cluster and which format, e.g.
 * `azureml-aks-prod-eastus.bicep`. Pure, for the review and its tests.
 */

/** The install's formats as code (components/deploy/export-choice.tsx). */
export type ExportFormat = 'az' | 'bicep' | 'terraform';

/** Each format's file extension: the az command is a shell script. */
export const EXPORT_FILE_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { az: 'sh', bicep: 'bicep', terraform: 'tf' };

/** Only characters every file system and browser keeps in a download name. */
const UNSAFE = /[^a-z0-9._-]+/gi;

const safe = (part: string): string => part.trim().replace(UNSAFE, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');

/**
 * `<extension>-<cluster>.<ext>` (`azureml-aks-prod-eastus.tf`). Characters a file name may not
 * carry become `-`; an empty part is left out, so the name is never just an extension.
 */
export function exportFileName(input: { extensionName: string; clusterName: string; format: ExportFormat }): string {
  const stem = [safe(input.extensionName), safe(input.clusterName)].filter(Boolean).join('-') || 'azureml-extension';
  return `${stem}.${EXPORT_FILE_EXTENSIONS[input.format]}`;
}
