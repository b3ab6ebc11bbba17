export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    // EIP-1193 provider + EIP-6963 announcement live here (wallet issue).
  },
});
