import '../../lib/polyfills';
import '../../assets/tailwind.css';
import { createRoot } from 'react-dom/client';
import { ApprovalApp } from '../../components/approval/ApprovalApp';

createRoot(document.getElementById('root')!).render(<ApprovalApp />);
