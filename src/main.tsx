// Entry point: one App (store + worker client), started from the saved session, a `?scenario=`
// link, or the default cluster.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AppController } from './state/store.ts';
import { App } from './ui/App.tsx';
import { AppContext } from './ui/AppContext.tsx';
import './ui/app.css';

const params = new URLSearchParams(window.location.search);
const scenario = params.get('scenario') ?? undefined;

const app = new AppController();
void app.start(scenario);

// For end-to-end tests and for people poking around in the console.
(window as unknown as { playground: AppController }).playground = app;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
