import './process-shim';
import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { listenToUiEvents } from '../../lib/state';
import { DeviceApp } from '../../components/device/DeviceApp';

listenToUiEvents((name) => {
  const port = browser.runtime.connect({ name });
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
});

createRoot(document.getElementById('root')!).render(<DeviceApp />);
