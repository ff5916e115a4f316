import { useEffect } from 'react';
import { errorMessage } from '../../../../shared/errors.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';

/** Chooses the active environment: its variables fill the request's `{{…}}` when it is sent. */
export function EnvironmentPicker({ onError }: { onError: (message: string) => void }) {
  const api = useInspectorApi();
  const environments = useInspectorStore((state) => state.environments);
  const setEnvironments = useInspectorStore((state) => state.setEnvironments);

  useEffect(() => {
    api.listEnvironments().then(setEnvironments, (e: unknown) => onError(errorMessage(e)));
  }, [api, setEnvironments, onError]);

  const choose = async (value: string) => {
    try {
      await api.setActiveEnvironment(value === '' ? null : Number(value));
      setEnvironments(await api.listEnvironments());
      // A message about unresolved variables may no longer hold; Connect checks again.
      useInspectorStore.setState({ draftError: null });
    } catch (e) {
      onError(errorMessage(e));
    }
  };

  const active = environments.find((environment) => environment.active);
  return (
    <select
      aria-label="Environment"
      className="environment-select"
      value={active === undefined ? '' : String(active.id)}
      onChange={(event) => void choose(event.target.value)}
    >
      <option value="">No environment</option>
      {environments.map((environment) => (
        <option key={environment.id} value={String(environment.id)}>
          {environment.name}
        </option>
      ))}
    </select>
  );
}
