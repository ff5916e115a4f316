import { useState } from 'react';
import { errorMessage } from '../../../../shared/errors.ts';
import type { EnvironmentItem } from '../../../../shared/ipc/collections-api.ts';
import type { Variable } from '../../../../shared/requests/collection.ts';
import { variableNameSchema } from '../../../../shared/requests/variables.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { FeedbackLine, type Feedback } from '../../lib/FeedbackLine.tsx';

interface Editing {
  id: number | null;
  name: string;
  variables: Variable[];
}

const blank: Editing = { id: null, name: 'New environment', variables: [] };

/**
 * Environments: named sets of `{{variables}}`, one active (picked in the request bar). A secret
 * variable's value is sealed by the OS key store, or not saved at all where there is none.
 */
export function EnvironmentsEditor() {
  const api = useInspectorApi();
  const environments = useInspectorStore((state) => state.environments);
  const setEnvironments = useInspectorStore((state) => state.setEnvironments);
  const secretsCanBeSaved = useInspectorStore((state) => state.appInfo?.secretsCanBeSaved ?? false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<Feedback | null>(null);

  const reload = async () => setEnvironments(await api.listEnvironments());
  const edit = (environment: EnvironmentItem) =>
    setEditing({ id: environment.id, name: environment.name, variables: environment.variables });
  const patchVariable = (index: number, patch: Partial<Variable>) =>
    setEditing(
      (e) =>
        e && { ...e, variables: e.variables.map((v, i) => (i === index ? { ...v, ...patch } : v)) },
    );
  const badName = editing?.variables.find((v) => !variableNameSchema.safeParse(v.name).success);

  const save = async () => {
    if (editing === null) return;
    try {
      const saved = await api.saveEnvironment(editing.id, {
        name: editing.name,
        variables: editing.variables,
      });
      await reload();
      setEditing({ ...editing, id: saved.id });
      setMessage({
        error: false,
        text:
          saved.notSaved.length > 0
            ? `Saved. Not saved (no key store here): ${saved.notSaved.join(', ')}; enter them again next time.`
            : 'Saved.',
      });
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    }
  };

  const remove = async () => {
    if (editing?.id == null) return;
    try {
      await api.deleteEnvironment(editing.id);
      setEditing(null);
      await reload();
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    }
  };

  return (
    <div className="environments" data-testid="environments-editor">
      <div className="history-tools">
        <select
          aria-label="Environment to edit"
          value={editing?.id == null ? '' : String(editing.id)}
          onChange={(event) => {
            const found = environments.find((e) => String(e.id) === event.target.value);
            if (found) edit(found);
          }}
        >
          <option value="">{editing?.id === null ? 'New environment' : 'Choose…'}</option>
          {environments.map((environment) => (
            <option key={environment.id} value={String(environment.id)}>
              {environment.name}
              {environment.active ? ' (active)' : ''}
            </option>
          ))}
        </select>
        <button type="button" className="small-button" onClick={() => setEditing(blank)}>
          New
        </button>
      </div>
      {!secretsCanBeSaved && (
        <p className="muted">
          No key store here: secret values are not saved (you enter them again next time).
        </p>
      )}
      {editing !== null && (
        <div className="environment-form">
          <input
            aria-label="Environment name"
            value={editing.name}
            onChange={(event) => setEditing({ ...editing, name: event.target.value })}
          />
          <table className="variables-table">
            <thead>
              <tr>
                <th>Variable</th>
                <th>Value</th>
                <th>Secret</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {editing.variables.map((variable, index) => (
                <tr key={index}>
                  <td>
                    <input
                      aria-label={`Variable ${index + 1} name`}
                      value={variable.name}
                      onChange={(event) => patchVariable(index, { name: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Variable ${index + 1} value`}
                      type={variable.secret ? 'password' : 'text'}
                      autoComplete="off"
                      placeholder={variable.secret ? 'not saved here: enter it' : undefined}
                      value={variable.value}
                      onChange={(event) => patchVariable(index, { value: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Variable ${index + 1} is secret`}
                      checked={variable.secret}
                      onChange={(event) => patchVariable(index, { secret: event.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={`Remove variable ${index + 1}`}
                      onClick={() =>
                        setEditing({
                          ...editing,
                          variables: editing.variables.filter((_, i) => i !== index),
                        })
                      }
                    >
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {badName && (
            <p className="field-error" role="alert">
              &quot;{badName.name}&quot;: a variable name is letters, digits, _ - . or $, not
              starting with a digit.
            </p>
          )}
          <div className="action-row">
            <button
              type="button"
              className="small-button"
              onClick={() =>
                setEditing({
                  ...editing,
                  variables: [...editing.variables, { name: '', value: '', secret: false }],
                })
              }
            >
              Add variable
            </button>
            <button
              type="button"
              className="small-button"
              disabled={badName !== undefined || editing.name.trim() === ''}
              onClick={() => void save()}
            >
              Save environment
            </button>
            {editing.id !== null && (
              <button type="button" className="small-button" onClick={() => void remove()}>
                Delete
              </button>
            )}
          </div>
        </div>
      )}
      <FeedbackLine feedback={message} />
    </div>
  );
}
