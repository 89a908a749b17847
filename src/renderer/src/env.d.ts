import type { RegionPlanApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer is served by the web host. */
    regionplan?: RegionPlanApi;
  }
}
