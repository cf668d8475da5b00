import { ModelInputError } from '../errors';
import { servingOverrides } from './serving';

describe('servingOverrides', () => {
  it('serves a decomposition inside the ensemble with its combination, other families as themselves', () => {
    const decomposition = { family: 'decomposition', combination: { changepoint_prior_scale: 0.5 } } as const;
    expect(servingOverrides(decomposition, { model: 'auto' })).toEqual({
      changepoint_prior_scale: 0.5,
      model: 'ensemble',
    });
    expect(servingOverrides({ family: 'past', combination: { past_period: 'day' } }, {})).toEqual({
      past_period: 'day',
      model: 'past',
    });
  });

  it('serves a decomposition alone where the ensemble has no decomposition member', () => {
    const winner = { family: 'decomposition', combination: {} } as const;
    expect(servingOverrides(winner, { ensemble_members: ['past', 'autoregressive'] })).toEqual({
      model: 'decomposition',
    });
    expect(servingOverrides(winner, { ensemble_members: ['decomposition', 'autoregressive'] }).model).toBe('ensemble');
  });

  it('refuses bad parameters with the model error', () => {
    const winner = { family: 'decomposition', combination: {} } as const;
    expect(() => servingOverrides(winner, { ensemble_members: [] })).toThrow(ModelInputError);
  });
});
