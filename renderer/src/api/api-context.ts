import { createContext, useContext } from 'react';
import type { InspectorApi } from '../../../shared/ipc/api.ts';

export const ApiContext = createContext<InspectorApi | null>(null);

/** The InspectorApi of this window; components call main only through it. */
export function useInspectorApi(): InspectorApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useInspectorApi must be used inside <ApiContext.Provider>.');
  return api;
}
