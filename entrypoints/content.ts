export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    // Relay between the MAIN-world provider and the background (wired in the wallet issue).
  },
});
