import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, ModelInputError, predict } from '../model';
import { MODEL_VERSION } from '../model/serialize';

const DIR = join(__dirname, '../../testdata/fixtures/saved-models');

interface SavedModel {
  model: { version: number };
  predict?: {
    timestamps: number[];
    values: Array<number | null>;
    yhat: number[];
    yhat_lower: number[];
    yhat_upper: number[];
    outlier: number[];
    score: number[];
  };
}

const saved = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as SavedModel }));

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) =>
    expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i])))
  );
}

describe('saved models of every version', () => {
  it('include one for the current version', () => {
    expect(saved.map((s) => s.file)).toContain(`v${MODEL_VERSION}.json`);
  });

  it.each(saved.map((s) => [s.file, s.fixture] as const))(
    '%s restores exactly or is refused clearly',
    (_file, fixture) => {
      const text = JSON.stringify(fixture.model);
      if (fixture.model.version < MODEL_VERSION) {
        expect(() => deserialize(text)).toThrow(ModelInputError);
        expect(() => deserialize(text)).toThrow(
          `serialized model version ${fixture.model.version} was written by an older Foresight (this one reads version ${MODEL_VERSION}); fit the model again`
        );
        return;
      }
      const p = fixture.predict!;
      const out = predict(
        deserialize(text),
        p.timestamps,
        p.values.map((v) => v ?? NaN)
      );
      expectClose(out.yhat, p.yhat);
      expectClose(out.yhat_lower, p.yhat_lower);
      expectClose(out.yhat_upper, p.yhat_upper);
      expectClose(out.score, p.score);
      expect(Array.from(out.outlier)).toEqual(p.outlier);
    }
  );
});
