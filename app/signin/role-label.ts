import type { SandboxIdentity } from '@/lib/sandbox/identities';

/** Sandbox users whose role has a translated description (`signin.roles.*`). */
const TRANSLATED_ROLES = ['owner', 'contributor', 'reader'] as const;
type TranslatedRole = (typeof TRANSLATED_ROLES)[number];

function isTranslatedRole(key: string): key is TranslatedRole {
  return (TRANSLATED_ROLES as readonly string[]).includes(key);
}

/**
 * A sandbox user's role as the sign-in pages describe it, in the reader's language; a user added
 * to lib/sandbox/identities.ts without a message keeps its own (English) description.
 */
export function roleLabel(user: Pick<SandboxIdentity, 'key' | 'role'>, t: (key: `roles.${TranslatedRole}`) => string): string {
  return isTranslatedRole(user.key) ? t(`roles.${user.key}`) : user.role;
}
