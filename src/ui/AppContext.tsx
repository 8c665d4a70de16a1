// Panels reach the one App (store + actions) through context, and read it with named selectors.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { App, AppState } from '../state/store.ts';

export const AppContext = createContext<App | undefined>(undefined);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

export function useAppSelector<T>(selector: (s: AppState) => T): T {
  return useStore(useApp().store, selector);
}
