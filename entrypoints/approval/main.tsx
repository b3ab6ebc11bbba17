import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { listenToUiEvents } from '../../lib/state';
import { ApprovalApp } from '../../components/approval/ApprovalApp';

listenToUiEvents((name) => {
  const port = browser.runtime.connect({ name });
  // Reading lastError marks a failed connect as handled (no "Unchecked runtime.lastError" noise).
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
});

createRoot(document.getElementById('root')!).render(<ApprovalApp />);
