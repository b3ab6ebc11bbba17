import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';

createRoot(document.getElementById('root')!).render(<PopupApp />);
