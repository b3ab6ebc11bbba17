/** Small stroke icons for the bottom navigation (decorative: the tab label names the tab). */
const paths: Record<string, string> = {
  home: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  portfolio: 'M4 19V9m6 10V5m6 14v-7m4 7H2',
  stake: 'M12 3v18M5 10l7-7 7 7',
  activity: 'M3 12h4l3 7 4-14 3 7h4',
  alerts: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zm4 4h4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
};

export function NavIcon({ name }: { name: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth={name === 'more' ? 3 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name] ?? ''} />
    </svg>
  );
}
