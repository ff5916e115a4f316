import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.ts';
import { resolveInspectorApi } from './api/inspector-api.ts';
// Global styles first, shared widgets next: the features' stylesheets, imported by their
// components below, come after both and win ties.
import './app/app.css';
import './ui/widgets.css';
import { App } from './app/App.tsx';

const api = resolveInspectorApi();
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
