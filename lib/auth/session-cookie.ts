/**
 * The name of the portal's session cookie. Kept in a module without `server-only` or other imports
 * so the proxy (edge-style, cookie-presence redirect) can import it as well as the session code.
 */
export const SESSION_COOKIE_NAME = 'azureml_portal_session';
