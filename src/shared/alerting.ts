// What the frontend needs about a query's `alerting` object beyond its generated type (AlertingJson in
// contract.gen.ts): the defaults and limits pkg/models applies (models.Alerting's resolve and validateAlerting),
// which the generator does not emit yet. Keep them equal to those in pkg/models/alerting.go.

export const ALERTING_DEFAULTS = {
  direction: 'both',
  minAbsolute: 0,
  minRelative: 0,
  persistence: { window: 1, required: 1 },
  pastWeeks: 4,
} as const;

export const ALERTING_LIMITS = { maxPastWeeks: 8, maxPersistenceWindow: 1440 } as const;
