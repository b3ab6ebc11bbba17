/** The one call of chrome.storage's access-level API Ballast makes (structural: lib/ never imports WXT). */
export type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * storage.local holds the encrypted vault: only Ballast's own pages and its worker may read it, never a
 * content script (which runs in every web page's renderer process). Chromium honours this for
 * storage.local (checked in Chromium 156: a content script's get() is refused "Access to storage is not
 * allowed from this context", and it hears no onChanged); the browser keeps the level, and the worker
 * sets it again at every start. Firefox has no setAccessLevel for storage.local (bugzilla 1724754):
 * there the vault stays readable to content scripts, encrypted. Resolves whether the level was applied.
 */
export async function closeToContentScripts(area: AccessLevelArea): Promise<boolean> {
  if (typeof area.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    console.warn('Ballast: storage.local stays open to content scripts in this browser', error);
    return false;
  }
}
