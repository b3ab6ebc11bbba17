export function ApprovalApp() {
  return (
    <main className="min-h-screen p-4 bg-surface text-ink">
      <h1 className="text-lg font-semibold">Ballast — pending requests</h1>
    </main>
  );
}
