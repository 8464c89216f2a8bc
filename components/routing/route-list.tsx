'use client';

import { useId } from 'react';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { DraftRoute, RouteFaults } from './draft';
import type { RoutePatch } from './draft-reducer';
import { SortableRoute, type RouteSim } from './sortable-route';

type Props = {
  routes: DraftRoute[];
  /** `key` is dropped on `over`'s place. */
  onMove: (key: string, over: string) => void;
  onChange: (key: string, patch: RoutePatch) => void;
  /** Enabled ⇄ disabled. */
  onSwitch: (key: string) => void;
  onDelete: (key: string) => void;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  queues: { id: string; name: string }[];
  faults: Map<string, RouteFaults>;
  sims: Map<string, RouteSim> | null;
  tagNames: readonly string[];
};

/** The ordered route list; reordered with the mouse, or with the keyboard from each drag handle. */
export function RouteList({ routes, onMove, onChange, onSwitch, onDelete, expanded, onToggle, queues, faults, sims, tagNames }: Props) {
  // A fixed id keeps dnd-kit's aria-describedby the same in the server render and the browser's.
  const dndId = useId();
  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const name = (id: UniqueIdentifier) => routes.find((r) => r.key === id)?.name.trim() || 'without a name';
  const place = (id: UniqueIdentifier | undefined) => `position ${routes.findIndex((r) => r.key === id) + 1} of ${routes.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up route ${name(active.id)} at ${place(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `Route ${name(active.id)} is over ${place(over.id)}.` : `Route ${name(active.id)} is no longer over a position.`),
    onDragEnd: ({ active, over }) =>
      over ? `Route ${name(active.id)} moved to ${place(over.id)}.` : `Route ${name(active.id)} was dropped where it was, at ${place(active.id)}.`,
    onDragCancel: ({ active }) => `Moving route ${name(active.id)} was cancelled. It stays at ${place(active.id)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    onMove(String(active.id), String(over.id));
  }

  return (
    <DndContext
      id={dndId}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To reorder a route, press Space or Enter on its handle, move it with the Up and Down arrow keys, then press Space or Enter again to drop it, or Escape to cancel.',
        },
      }}
    >
      <SortableContext items={routes.map((r) => r.key)} strategy={verticalListSortingStrategy}>
        <ol className="space-y-2" aria-label="Routes, first match wins">
          {routes.map((r, i) => (
            <SortableRoute
              key={r.key}
              route={r}
              position={i + 1}
              queues={queues}
              expanded={expanded.has(r.key)}
              onToggle={() => onToggle(r.key)}
              onChange={(patch) => onChange(r.key, patch)}
              onSwitch={() => onSwitch(r.key)}
              onDelete={() => onDelete(r.key)}
              faults={faults.get(r.key)}
              sim={sims?.get(r.key)}
              tagNames={tagNames}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
