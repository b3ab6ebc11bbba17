import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { listenToUiEvents } from '../../lib/state';
import { PopupApp } from '../../components/popup/PopupApp';

// The background pushes "changed" events on this port; the stores re-read their topic.
listenToUiEvents((name) => browser.runtime.connect({ name }));

createRoot(document.getElementById('root')!).render(<PopupApp />);
