import { plotHolidays } from './holidays';

const KST = 540;

describe('plotHolidays', () => {
  it('merges the Chuseok week into one span of Korean days, labelled once per name', () => {
    const holidays = plotHolidays(
      { country_holidays: ['kr'], holidays_tz_offset_minutes: KST },
      Date.UTC(2025, 8, 28),
      Date.UTC(2025, 9, 12)
    );
    expect(holidays?.description).toBe('KR holidays');
    expect(holidays?.spans).toEqual([
      { range: [Date.UTC(2025, 9, 2, 15), Date.UTC(2025, 9, 3, 15)], label: 'National Foundation Day' },
      { range: [Date.UTC(2025, 9, 4, 15), Date.UTC(2025, 9, 9, 15)], label: 'Chuseok / Hangeul Day' },
    ]);
  });

  it('adds custom holidays in UTC days and says so in the description', () => {
    const holidays = plotHolidays(
      { holidays: [{ name: 'launch', dates: ['2024-03-05', '2030-01-01'] }] },
      Date.UTC(2024, 2, 1),
      Date.UTC(2024, 2, 10)
    );
    expect(holidays).toEqual({
      description: 'custom holidays',
      spans: [{ range: [Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6)], label: 'launch' }],
    });
    expect(plotHolidays({ country_holidays: ['US'], holidays: [{ name: 'x', dates: [] }] }, 0, 1)?.description).toBe(
      'US + custom holidays'
    );
  });

  it('is undefined when the model has no holidays', () => {
    expect(plotHolidays({}, 0, Date.UTC(2025, 0, 1))).toBeUndefined();
    expect(plotHolidays({ country_holidays: [], holidays: [] }, 0, 1)).toBeUndefined();
  });
});
