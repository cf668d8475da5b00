import { SOUTH_KOREA } from './southKorea';
import { KOREAN_LUNAR_HOLIDAYS } from './koreanLunarDates';
import { parseDay, weekday, SATURDAY, SUNDAY } from './calendarDate';

const holidays = (year: number) => SOUTH_KOREA.holidaysInYear(year);
const list = (year: number) => holidays(year).map((h) => `${h.date} ${h.name}`);
const substitutes = (year: number) =>
  holidays(year)
    .filter((h) => h.name.startsWith('Substitute'))
    .map((h) => `${h.date} ${h.name}`);
const datesOf = (year: number, name: string) =>
  holidays(year)
    .filter((h) => h.name === name)
    .map((h) => h.date);

describe('South Korea holidays', () => {
  it('lists 2024 as in the official calendar (without the election day and the temporary holiday)', () => {
    expect(list(2024)).toEqual([
      "2024-01-01 New Year's Day",
      '2024-02-09 Seollal (day before)',
      '2024-02-10 Seollal',
      '2024-02-11 Seollal (day after)',
      '2024-02-12 Substitute Holiday (Seollal)',
      '2024-03-01 Independence Movement Day',
      "2024-05-05 Children's Day",
      "2024-05-06 Substitute Holiday (Children's Day)",
      "2024-05-15 Buddha's Birthday",
      '2024-06-06 Memorial Day',
      '2024-08-15 Liberation Day',
      '2024-09-16 Chuseok (day before)',
      '2024-09-17 Chuseok',
      '2024-09-18 Chuseok (day after)',
      '2024-10-03 National Foundation Day',
      '2024-10-09 Hangeul Day',
      '2024-12-25 Christmas Day',
    ]);
  });

  it("lists 2025 with Children's Day and Buddha's Birthday on one date and a single substitute for it", () => {
    expect(list(2025)).toEqual([
      "2025-01-01 New Year's Day",
      '2025-01-28 Seollal (day before)',
      '2025-01-29 Seollal',
      '2025-01-30 Seollal (day after)',
      '2025-03-01 Independence Movement Day',
      '2025-03-03 Substitute Holiday (Independence Movement Day)',
      "2025-05-05 Children's Day",
      "2025-05-05 Buddha's Birthday",
      "2025-05-06 Substitute Holiday (Buddha's Birthday)",
      '2025-06-06 Memorial Day',
      '2025-08-15 Liberation Day',
      '2025-10-03 National Foundation Day',
      '2025-10-05 Chuseok (day before)',
      '2025-10-06 Chuseok',
      '2025-10-07 Chuseok (day after)',
      '2025-10-08 Substitute Holiday (Chuseok)',
      '2025-10-09 Hangeul Day',
      '2025-12-25 Christmas Day',
    ]);
  });

  it('gives the official substitute holidays of 2023, 2026 and 2027', () => {
    expect(substitutes(2023)).toEqual([
      '2023-01-24 Substitute Holiday (Seollal)',
      "2023-05-29 Substitute Holiday (Buddha's Birthday)",
    ]);
    expect(substitutes(2026)).toEqual([
      '2026-03-02 Substitute Holiday (Independence Movement Day)',
      "2026-05-25 Substitute Holiday (Buddha's Birthday)",
      '2026-08-17 Substitute Holiday (Liberation Day)',
      '2026-10-05 Substitute Holiday (National Foundation Day)',
    ]);
    expect(substitutes(2027)).toEqual([
      '2027-02-09 Substitute Holiday (Seollal)',
      '2027-05-03 Substitute Holiday (Labor Day)',
      '2027-07-19 Substitute Holiday (Constitution Day)',
      '2027-08-16 Substitute Holiday (Liberation Day)',
      '2027-10-04 Substitute Holiday (National Foundation Day)',
      '2027-10-11 Substitute Holiday (Hangeul Day)',
      '2027-12-27 Substitute Holiday (Christmas Day)',
    ]);
  });

  it('starts each substitute rule in the year it came into force', () => {
    // Seollal 2013 spans Sunday 02-10, but substitutes for Seollal/Chuseok start in 2014 (Chuseok 2014-09-07 Sunday).
    expect(substitutes(2013)).toEqual([]);
    expect(substitutes(2014)).toEqual(['2014-09-10 Substitute Holiday (Chuseok)']);
    expect(substitutes(2016)).toEqual(['2016-02-10 Substitute Holiday (Seollal)']);
    expect(substitutes(2019)).toEqual(["2019-05-06 Substitute Holiday (Children's Day)"]);
    // Liberation Day on Saturday 2020-08-15: none yet; from 2021 the national days get one.
    expect(substitutes(2020)).toEqual(['2020-01-27 Substitute Holiday (Seollal)']);
    expect(substitutes(2021)).toEqual([
      '2021-08-16 Substitute Holiday (Liberation Day)',
      '2021-10-04 Substitute Holiday (National Foundation Day)',
      '2021-10-11 Substitute Holiday (Hangeul Day)',
    ]);
    // Buddha's Birthday (05-08) and Christmas on Sundays in 2022: none before 2023.
    expect(substitutes(2022)).toEqual([
      '2022-09-12 Substitute Holiday (Chuseok)',
      '2022-10-10 Substitute Holiday (Hangeul Day)',
    ]);
  });

  it('puts the Seollal/Chuseok substitute after the whole block and after an overlapping holiday', () => {
    // 2017: Seollal 01-27..01-29 ends on a Sunday; Chuseok 10-03..10-05 shares 10-03 with National Foundation Day.
    expect(substitutes(2017)).toEqual([
      '2017-01-30 Substitute Holiday (Seollal)',
      '2017-10-06 Substitute Holiday (Chuseok)',
    ]);
    // 2015: Chuseok 09-26..09-28 (Sat..Mon) has Sunday 09-27 in the middle.
    expect(substitutes(2015)).toEqual(['2015-09-29 Substitute Holiday (Chuseok)']);
  });

  it('lets Seollal span a month boundary', () => {
    expect(datesOf(2022, 'Seollal (day before)')).toEqual(['2022-01-31']);
    expect(datesOf(2022, 'Seollal')).toEqual(['2022-02-01']);
    expect(datesOf(2022, 'Seollal (day after)')).toEqual(['2022-02-02']);
  });

  it('uses the Korean, not the Chinese, lunar calendar', () => {
    expect(datesOf(2027, 'Seollal')).toEqual(['2027-02-07']); // China: 02-06
    expect(datesOf(2028, 'Seollal')).toEqual(['2028-01-27']); // China: 01-26
    expect(datesOf(2023, "Buddha's Birthday")).toEqual(['2023-05-27']); // China: 05-26
    expect(datesOf(2012, "Buddha's Birthday")).toEqual(['2012-05-28']); // China: 04-28 (other leap month)
    expect(datesOf(2040, 'Chuseok')).toEqual(['2040-09-21']); // China: 09-20
  });

  it('matches well-known Seollal and Chuseok dates', () => {
    expect([2024, 2025, 2026].map((y) => datesOf(y, 'Seollal')[0])).toEqual(['2024-02-10', '2025-01-29', '2026-02-17']);
    expect([2024, 2025, 2026].map((y) => datesOf(y, 'Chuseok')[0])).toEqual(['2024-09-17', '2025-10-06', '2026-09-25']);
    expect(datesOf(2000, 'Seollal')).toEqual(['2000-02-05']);
    expect(datesOf(2050, 'Chuseok')).toEqual(['2050-09-30']);
  });

  it('follows the holidays added and dropped over the years', () => {
    const names = (year: number) => holidays(year).map((h) => h.name);
    expect(names(2005)).toContain('Arbor Day');
    expect(names(2006)).not.toContain('Arbor Day');
    expect(names(2007)).toContain('Constitution Day');
    expect(names(2008)).not.toContain('Constitution Day');
    expect(names(2025)).not.toContain('Constitution Day');
    expect(datesOf(2026, 'Constitution Day')).toEqual(['2026-07-17']);
    expect(names(2025)).not.toContain('Labor Day');
    expect(datesOf(2026, 'Labor Day')).toEqual(['2026-05-01']);
    expect(names(2012)).not.toContain('Hangeul Day');
    expect(datesOf(2013, 'Hangeul Day')).toEqual(['2013-10-09']);
  });

  describe('every year of the table', () => {
    const years = KOREAN_LUNAR_HOLIDAYS.map((row) => row[0]);

    it('has one consecutive table row per year', () => {
      years.forEach((year, i) => expect(year).toBe(years[0] + i));
      expect(years[0]).toBe(SOUTH_KOREA.firstYear);
      expect(years[years.length - 1]).toBe(SOUTH_KOREA.lastYear);
    });

    it('lists dates of its own year in order, with Seollal and Chuseok on three consecutive days', () => {
      for (const year of years) {
        const days = holidays(year).map((h) => parseDay(h.date)!);
        expect(days.every((d, i) => i === 0 || d >= days[i - 1])).toBe(true);
        expect(holidays(year).every((h) => h.date.startsWith(`${year}-`))).toBe(true);
        for (const festival of ['Seollal', 'Chuseok']) {
          const block = [`${festival} (day before)`, festival, `${festival} (day after)`].map((name) =>
            parseDay(datesOf(year, name)[0])!
          );
          expect([block[1] - block[0], block[2] - block[1]]).toEqual([1, 1]);
        }
      }
    });

    it('puts every substitute on a weekday that is no other holiday', () => {
      for (const year of years) {
        const all = holidays(year);
        for (const sub of all.filter((h) => h.name.startsWith('Substitute'))) {
          const dow = weekday(parseDay(sub.date)!);
          expect([year, sub.date, dow === SATURDAY || dow === SUNDAY]).toEqual([year, sub.date, false]);
          expect(all.filter((h) => h.date === sub.date)).toHaveLength(1);
        }
      }
    });
  });
});
