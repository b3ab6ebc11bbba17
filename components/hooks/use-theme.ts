import { useEffect } from 'react';
import { settingsStore } from '../../lib/state';
import { useResource } from './use-resource';

/** Applies the theme setting as the `dark` class on <html>; "system" follows the OS preference. */
export function useTheme(): void {
  const { data } = useResource(settingsStore);
  const theme = data?.theme ?? 'system';
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      document.documentElement.classList.toggle('dark', dark);
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
