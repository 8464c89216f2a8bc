'use client';

import { useId, useState } from 'react';
import { ROLE_LABEL } from '@/lib/access/roles';
import { secondaryButton, selectClass } from '@/components/ui/controls';

type Person = { id: string; name: string; role: 'ADMIN' | 'SUPERVISOR' | 'AGENT' };

/** "Add a member / collaborator": a labelled select of people and an Add button (queues and inboxes). */
export function AddPersonForm({
  label,
  placeholder,
  people,
  pending,
  onAdd,
}: {
  label: string;
  placeholder: string;
  people: Person[];
  pending: boolean;
  /** Called with the chosen id and a function that clears the choice once the add succeeded. */
  onAdd: (id: string, clear: () => void) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState('');
  if (people.length === 0) return null;
  return (
    <form
      className="mt-3 flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onAdd(choice, () => setChoice(''));
      }}
    >
      <label htmlFor={`${id}-add`} className="sr-only">
        {label}
      </label>
      <select id={`${id}-add`} className={`${selectClass} text-xs`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{placeholder}</option>
        {people.map((c) => (
          <option key={c.id} value={c.id}>
            {c.role === 'AGENT' ? c.name : `${c.name} (${ROLE_LABEL[c.role]})`}
          </option>
        ))}
      </select>
      <button type="submit" className={`${secondaryButton} shrink-0`} disabled={!choice || pending}>
        Add
      </button>
    </form>
  );
}
