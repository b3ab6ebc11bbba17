import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { listenToUiEvents } from '../../lib/state';
import { ApprovalApp } from '../../components/approval/ApprovalApp';

listenToUiEvents((name) => browser.runtime.connect({ name }));

createRoot(document.getElementById('root')!).render(<ApprovalApp />);
