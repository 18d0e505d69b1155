import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../sidepanel/app';
import '../../sidepanel/styles/theme.css';
import '../../sidepanel/styles/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('sidepanel.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
