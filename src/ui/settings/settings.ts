// Page settings remembered in this browser (localStorage; nothing leaves the machine): the npm scopes
// the user counts as their own, whose packages are first-party source.
import { normalizeScope } from '../../core/classify'

const SCOPES_KEY = 'exposure-explorer.internal-scopes'

/** "@acme, beta  @Corp/" -> ["@acme", "@beta", "@corp"]; anything that is not a scope name is dropped. */
export function parseScopes(text: string): string[] {
  const scopes = text.split(/[\s,;]+/).flatMap((s) => (s === '' ? [] : (normalizeScope(s) ?? [])))
  return [...new Set(scopes)]
}

export function loadScopes(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): string[] {
  try {
    return parseScopes(storage?.getItem(SCOPES_KEY) ?? '')
  } catch {
    // Storage blocked (a file:// page in some browsers, private modes): no remembered scopes.
    return []
  }
}

export function saveScopes(
  scopes: readonly string[],
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(SCOPES_KEY, scopes.join(' '))
  } catch {
    // Not remembered; the setting still applies to this page.
  }
}
