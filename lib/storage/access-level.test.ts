import { describe, expect, it, vi } from 'vitest';
import { closeToContentScripts } from './access-level';

describe('closeToContentScripts', () => {
  it('asks the area for trusted contexts only', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    expect(await closeToContentScripts({ setAccessLevel })).toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('a browser without the API (Firefox) or one that refuses it for this area: reported, never thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await closeToContentScripts({})).toBe(false);
    const refusing = async () => Promise.reject(new Error('This StorageArea is not available for setting access level'));
    expect(await closeToContentScripts({ setAccessLevel: refusing })).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
