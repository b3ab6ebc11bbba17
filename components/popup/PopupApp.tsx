export function PopupApp() {
  return (
    <main className="w-[360px] h-[600px] p-4 bg-surface text-ink">
      <h1 className="text-lg font-semibold">Ballast</h1>
      <p className="text-sm text-ink-muted">Restaking-aware wallet.</p>
    </main>
  );
}
