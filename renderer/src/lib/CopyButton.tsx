import { useEffect, useState } from 'react';
import { copyText } from './clipboard.ts';

/** A small button that copies `text` and says so for a moment; `label` names what it copies. */
export function CopyButton({
  text,
  label,
  describedBy,
}: {
  text: string;
  label: string;
  /** The id of what is copied, for a screen reader ("Copy" alone says nothing). */
  describedBy?: string;
}) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(false), 1200);
    return () => clearTimeout(timer);
  }, [done]);
  return (
    <button
      type="button"
      className="small-button"
      aria-describedby={describedBy}
      onClick={() => {
        void copyText(text).then(() => setDone(true));
      }}
    >
      {done ? 'Copied' : label}
    </button>
  );
}
