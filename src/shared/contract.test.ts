import type { DataQuery } from '@grafana/schema';

import { DEFAULT_QUERY, FORESIGHT_FIELDS, UNREAD_FRAME_FIELDS } from './constants';
import { FRAME_FIELDS, QUERY_DEFAULTS, QueryJson } from './contract.gen';
import type { ForesightQuery } from './types';

// contract.gen.ts is generated from pkg/models and pkg/frames (TestContract fails when it is stale); these
// tests hold the frontend's own choices to it. testdata/contract/README.md has the whole picture.
describe('the frontend against the backend contract', () => {
  it('gives every frame field the backend writes a role in the panel, or says why it has none', () => {
    const written: string[] = Object.values(FRAME_FIELDS);
    const read: string[] = Object.values(FORESIGHT_FIELDS);
    expect(written.filter((name) => !read.includes(name) && !UNREAD_FRAME_FIELDS.includes(name))).toEqual([]);
    expect([...read, ...UNREAD_FRAME_FIELDS].filter((name) => !written.includes(name))).toEqual([]);
  });

  it('starts new queries from the backend’s defaults', () => {
    expect(DEFAULT_QUERY).toMatchObject(QUERY_DEFAULTS);
  });

  it('declares no query field the backend does not read', () => {
    // A compile-time check (npm run typecheck): a query field only the frontend declares makes this line name it.
    type FrontendOnly = Exclude<keyof ForesightQuery, keyof QueryJson | keyof DataQuery>;
    const frontendOnly: [FrontendOnly] extends [never] ? 'none' : FrontendOnly = 'none';
    expect(frontendOnly).toBe('none');
  });
});
