import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { acceptFileDrag, planDrop, type DropPlan } from '../api/drop';
import type { AppController } from './AppContext';

// The whole window takes dropped region files, on the start screen and in the
// workspace alike; the drop zone only shows where, and lights up while dragging.

let dragActive = false;
const subscribers = new Set<() => void>();

function setDragActive(active: boolean): void {
  if (dragActive === active) return;
  dragActive = active;
  for (const s of subscribers) s();
}

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  return () => subscribers.delete(callback);
}

/** True while files are dragged over the window. */
export function useDragActive(): boolean {
  return useSyncExternalStore(subscribe, () => dragActive);
}

export function useFileDrop(app: AppController): void {
  const onPlan = useEffectEvent((plan: DropPlan) => {
    switch (plan.kind) {
      case 'none':
      case 'native':
        break;
      case 'upload':
        if (app.busy === null) void app.openUploaded(plan.file);
        break;
      case 'refused':
        app.showError({ titleKey: 'errors.openTitle', data: plan.error });
        break;
      default: {
        const unreachable: never = plan;
        void unreachable;
      }
    }
  });

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when
    // the drag really left the window.
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!acceptFileDrag(e)) return;
      depth += 1;
      setDragActive(true);
    };
    const onOver = (e: DragEvent) => {
      acceptFileDrag(e);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragActive(false);
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragActive(false);
      // Taken already by a view that has its own use for the files (head office's packages).
      if (e.defaultPrevented) return;
      onPlan(planDrop(e, api.transport));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
