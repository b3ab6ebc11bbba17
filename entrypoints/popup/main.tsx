import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { listenToUiEvents, walletStore } from '../../lib/state';
import { homeBalancesStore } from '../../lib/state/balances';
import { PopupApp } from '../../components/popup/PopupApp';

// The background pushes "changed" events on this port; the stores re-read their topic.
listenToUiEvents((name) => {
  const port = browser.runtime.connect({ name });
  // Reading lastError marks a failed connect as handled (no "Unchecked runtime.lastError" noise).
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
});

// Both reads leave before React's first render: Home paints the stored balances as soon as the wallet state is
// known, instead of asking for them only once Home has mounted (one background round trip less on every open).
void walletStore.getState().reload();
void homeBalancesStore.getState().reload();

createRoot(document.getElementById('root')!).render(<PopupApp />);
