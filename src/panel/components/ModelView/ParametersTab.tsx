import { DEFAULT_PARAMS } from '../../../model/forecaster';
import type { ModelTarget } from '../../data/modelTarget';

/** The model parameters the query uses, with the defaults it leaves to the model. */
export function ParametersTab({ target }: { target: ModelTarget }) {
  const params = target.query.params ?? {};
  const names = Object.keys(DEFAULT_PARAMS) as Array<keyof typeof DEFAULT_PARAMS>;
  const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return (
    <table style={{ width: '100%' }}>
      <tbody>
        {names.map((name) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td>{show(params[name] ?? DEFAULT_PARAMS[name])}</td>
            <td>{params[name] === undefined ? 'default' : 'set by the query'}</td>
          </tr>
        ))}
        <tr>
          <td>
            <code>trainingDays</code>
          </td>
          <td>{target.query.trainingDays ?? 'datasource default'}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
