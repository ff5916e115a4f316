import type { KeyboardEvent, PointerEvent } from 'react';
import { paneBounds, type PaneName } from '../store/remembered-ui.ts';
import { useInspectorStore } from '../store/inspector-store.ts';

interface PaneSplitterProps {
  pane: PaneName;
  label: string;
  /** `vertical`: a divider between columns (moves left and right). */
  orientation: 'vertical' | 'horizontal';
  /** -1 when the pane grows as the divider moves left or up (it sits after the divider). */
  grows: 1 | -1;
}

/**
 * A divider the mouse drags and the keyboard moves (arrows by a step, Home and End to the
 * bounds), announced as a separator with its value; the size is remembered.
 */
export function PaneSplitter({ pane, label, orientation, grows }: PaneSplitterProps) {
  const size = useInspectorStore((state) => state.panes[pane]);
  const setPaneSize = useInspectorStore((state) => state.setPaneSize);
  const { min, max, step } = paneBounds[pane];
  const vertical = orientation === 'vertical';

  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = vertical
      ? { ArrowLeft: -step * grows, ArrowRight: step * grows }
      : { ArrowUp: -step * grows, ArrowDown: step * grows };
    const delta = keys[event.key];
    if (delta !== undefined) setPaneSize(pane, size + delta);
    else if (event.key === 'Home') setPaneSize(pane, min);
    else if (event.key === 'End') setPaneSize(pane, max);
    else return;
    event.preventDefault();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const start = vertical ? event.clientX : event.clientY;
    const startSize = size;
    const move = (moveEvent: globalThis.PointerEvent) => {
      const at = vertical ? moveEvent.clientX : moveEvent.clientY;
      setPaneSize(pane, startSize + (at - start) * grows);
    };
    const end = () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`pane-splitter pane-splitter-${orientation}`}
      data-testid={`splitter-${pane}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  );
}
