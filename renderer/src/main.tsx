import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.ts';
import { resolveInspectorApi } from './api/inspector-api.ts';
import { App } from './app/App.tsx';
import './app/app.css';

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
