"use strict";
var ForesightEngine = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // src/engine/entry.ts
  var entry_exports = {};
  __export(entry_exports, {
    checkParams: () => checkParams,
    components: () => components,
    crossValidate: () => crossValidate2,
    demo: () => demo,
    drift: () => drift,
    fit: () => fit2,
    outlook: () => outlook,
    predict: () => predict2,
    select: () => select,
    tune: () => tune2,
    update: () => update2
  });

  // src/model/holidays/calendarDate.ts
  var MS_PER_DAY = 864e5;
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var SUNDAY = 0;
  var MONDAY = 1;
  var THURSDAY = 4;
  var FRIDAY = 5;
  var SATURDAY = 6;
  function dayNumber(year, month, day) {
    return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
  }
  function weekday(day) {
    return ((day + THURSDAY) % 7 + 7) % 7;
  }
  function isWeekend(day) {
    const dow = weekday(day);
    return dow === SATURDAY || dow === SUNDAY;
  }
  function twoDigits(n) {
    return n < 10 ? "0" + n : String(n);
  }
  function formatDay(day) {
    const date = new Date(day * MS_PER_DAY);
    return date.getUTCFullYear() + "-" + twoDigits(date.getUTCMonth() + 1) + "-" + twoDigits(date.getUTCDate());
  }
  function parseDay(text) {
    const match = typeof text === "string" ? ISO_DATE.exec(text) : null;
    if (!match) {
      return void 0;
    }
    const year = Number(match[1]);
    const month = Number(match[2]);
    const dayOfMonth = Number(match[3]);
    const day = dayNumber(year, month, dayOfMonth);
    return formatDay(day) === text ? day : void 0;
  }
  function nthWeekdayOfMonth(year, month, dayOfWeek, nth) {
    const first = dayNumber(year, month, 1);
    return first + (dayOfWeek - weekday(first) + 7) % 7 + 7 * (nth - 1);
  }
  function lastWeekdayOfMonth(year, month, dayOfWeek) {
    const last = dayNumber(year, month + 1, 0);
    return last - (weekday(last) - dayOfWeek + 7) % 7;
  }

  // src/model/holidays/koreanLunarDates.ts
  var KOREAN_LUNAR_HOLIDAYS = [
    [2e3, "02-05", "05-11", "09-12"],
    [2001, "01-24", "05-01", "10-01"],
    [2002, "02-12", "05-19", "09-21"],
    [2003, "02-01", "05-08", "09-11"],
    [2004, "01-22", "05-26", "09-28"],
    [2005, "02-09", "05-15", "09-17"],
    [2006, "01-29", "05-05", "10-06"],
    [2007, "02-18", "05-24", "09-25"],
    [2008, "02-07", "05-12", "09-14"],
    [2009, "01-26", "05-02", "10-03"],
    [2010, "02-14", "05-21", "09-22"],
    [2011, "02-03", "05-10", "09-12"],
    [2012, "01-23", "05-28", "09-30"],
    [2013, "02-10", "05-17", "09-19"],
    [2014, "01-31", "05-06", "09-08"],
    [2015, "02-19", "05-25", "09-27"],
    [2016, "02-08", "05-14", "09-15"],
    [2017, "01-28", "05-03", "10-04"],
    [2018, "02-16", "05-22", "09-24"],
    [2019, "02-05", "05-12", "09-13"],
    [2020, "01-25", "04-30", "10-01"],
    [2021, "02-12", "05-19", "09-21"],
    [2022, "02-01", "05-08", "09-10"],
    [2023, "01-22", "05-27", "09-29"],
    [2024, "02-10", "05-15", "09-17"],
    [2025, "01-29", "05-05", "10-06"],
    [2026, "02-17", "05-24", "09-25"],
    [2027, "02-07", "05-13", "09-15"],
    [2028, "01-27", "05-02", "10-03"],
    [2029, "02-13", "05-20", "09-22"],
    [2030, "02-03", "05-09", "09-12"],
    [2031, "01-23", "05-28", "10-01"],
    [2032, "02-11", "05-16", "09-19"],
    [2033, "01-31", "05-06", "09-08"],
    [2034, "02-19", "05-25", "09-27"],
    [2035, "02-08", "05-15", "09-16"],
    [2036, "01-28", "05-03", "10-04"],
    [2037, "02-15", "05-22", "09-24"],
    [2038, "02-04", "05-11", "09-13"],
    [2039, "01-24", "04-30", "10-02"],
    [2040, "02-12", "05-18", "09-21"],
    [2041, "02-01", "05-07", "09-10"],
    [2042, "01-22", "05-26", "09-28"],
    [2043, "02-10", "05-16", "09-17"],
    [2044, "01-30", "05-05", "10-05"],
    [2045, "02-17", "05-24", "09-25"],
    [2046, "02-06", "05-13", "09-15"],
    [2047, "01-26", "05-02", "10-04"],
    [2048, "02-14", "05-20", "09-22"],
    [2049, "02-02", "05-09", "09-11"],
    [2050, "01-23", "05-28", "09-30"]
  ];
  var FIRST_LUNAR_YEAR = KOREAN_LUNAR_HOLIDAYS[0][0];
  var LAST_LUNAR_YEAR = KOREAN_LUNAR_HOLIDAYS[KOREAN_LUNAR_HOLIDAYS.length - 1][0];
  function koreanLunarHolidays(year) {
    return KOREAN_LUNAR_HOLIDAYS[year - FIRST_LUNAR_YEAR];
  }

  // src/model/holidays/southKorea.ts
  var FIRST_YEAR = FIRST_LUNAR_YEAR;
  var LAST_YEAR = LAST_LUNAR_YEAR;
  function fixed(year, month, dayOfMonth, name, rule) {
    const day = dayNumber(year, month, dayOfMonth);
    return { name, day, rule, substituteAfter: day, substituteName: name };
  }
  function threeDayBlock(year, mmdd, name, rule) {
    const middle = dayNumber(year, Number(mmdd.slice(0, 2)), Number(mmdd.slice(3, 5)));
    const names = [name + " (day before)", name, name + " (day after)"];
    return names.map((dayName, i) => ({
      name: dayName,
      day: middle - 1 + i,
      rule,
      substituteAfter: middle + 1,
      substituteName: name
    }));
  }
  function baseHolidays(year) {
    const lunar = koreanLunarHolidays(year);
    if (!lunar || lunar[0] !== year) {
      throw new Error(`Korean lunar dates are not known for ${year}`);
    }
    const [, seollal, buddhasBirthday, chuseok] = lunar;
    const from = (firstYear, rule) => year >= firstYear ? rule : "none";
    const festival = from(2014, "sunday-or-overlap");
    const national = from(2021, "weekend-or-overlap");
    const occurrences = [
      fixed(year, 1, 1, "New Year's Day", "none"),
      ...threeDayBlock(year, seollal, "Seollal", festival),
      fixed(year, 3, 1, "Independence Movement Day", national)
    ];
    if (year <= 2005) {
      occurrences.push(fixed(year, 4, 5, "Arbor Day", "none"));
    }
    if (year >= 2026) {
      occurrences.push(fixed(year, 5, 1, "Labor Day", "weekend-or-overlap"));
    }
    occurrences.push(fixed(year, 5, 5, "Children's Day", from(2014, "weekend-or-overlap")));
    const [buddhaMonth, buddhaDay] = [Number(buddhasBirthday.slice(0, 2)), Number(buddhasBirthday.slice(3, 5))];
    occurrences.push(fixed(year, buddhaMonth, buddhaDay, "Buddha's Birthday", from(2023, "weekend-or-overlap")));
    occurrences.push(fixed(year, 6, 6, "Memorial Day", "none"));
    if (year <= 2007 || year >= 2026) {
      occurrences.push(fixed(year, 7, 17, "Constitution Day", from(2026, "weekend-or-overlap")));
    }
    occurrences.push(fixed(year, 8, 15, "Liberation Day", national));
    occurrences.push(...threeDayBlock(year, chuseok, "Chuseok", festival));
    occurrences.push(fixed(year, 10, 3, "National Foundation Day", national));
    if (year >= 2013) {
      occurrences.push(fixed(year, 10, 9, "Hangeul Day", national));
    }
    occurrences.push(fixed(year, 12, 25, "Christmas Day", from(2023, "weekend-or-overlap")));
    return occurrences;
  }
  function lostOccurrences(onOneDay) {
    const dow = weekday(onOneDay[0].day);
    if (dow === SUNDAY) {
      return onOneDay.filter((o) => o.rule !== "none");
    }
    if (dow === SATURDAY) {
      return onOneDay.filter((o) => o.rule === "weekend-or-overlap");
    }
    const keeperIndex = Math.max(
      0,
      onOneDay.findIndex((o) => o.rule === "none")
    );
    return onOneDay.filter((o, i) => i !== keeperIndex && o.rule !== "none");
  }
  function groupByDay(occurrences) {
    const groups = {};
    const days2 = [];
    for (const o of occurrences) {
      if (!groups[o.day]) {
        groups[o.day] = [];
        days2.push(o.day);
      }
      groups[o.day].push(o);
    }
    return days2.sort((a, b) => a - b).map((day) => groups[day]);
  }
  function substituteHolidays(occurrences) {
    const taken = {};
    for (const o of occurrences) {
      taken[o.day] = true;
    }
    const lost = [];
    for (const group of groupByDay(occurrences)) {
      lost.push(...lostOccurrences(group));
    }
    const byStart = lost.map((_, i) => i).sort((a, b) => lost[a].substituteAfter - lost[b].substituteAfter || a - b);
    const substitutes = [];
    for (const o of byStart.map((i) => lost[i])) {
      let day = o.substituteAfter + 1;
      while (taken[day] || isWeekend(day)) {
        day++;
      }
      taken[day] = true;
      const name = `Substitute Holiday (${o.substituteName})`;
      substitutes.push({ name, day, rule: "none", substituteAfter: day, substituteName: name });
    }
    return substitutes;
  }
  function holidaysInYear(year) {
    const base = baseHolidays(year);
    const all = [...base, ...substituteHolidays(base)];
    const order = all.map((_, i) => i).sort((a, b) => all[a].day - all[b].day || a - b);
    return order.map((i) => ({ name: all[i].name, date: formatDay(all[i].day) }));
  }
  var SOUTH_KOREA = { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, holidaysInYear };

  // src/model/holidays/unitedStates.ts
  var FIRST_YEAR2 = 1971;
  var LAST_YEAR2 = 2100;
  function holidaysOfYear(year) {
    const fixed2 = (month, dayOfMonth, name) => ({
      name,
      day: dayNumber(year, month, dayOfMonth),
      observable: true
    });
    const floating = (day, name) => ({ name, day, observable: false });
    const list = [fixed2(1, 1, "New Year's Day")];
    if (year >= 1986) {
      list.push(floating(nthWeekdayOfMonth(year, 1, MONDAY, 3), "Martin Luther King Jr. Day"));
    }
    list.push(floating(nthWeekdayOfMonth(year, 2, MONDAY, 3), "Washington's Birthday"));
    list.push(floating(lastWeekdayOfMonth(year, 5, MONDAY), "Memorial Day"));
    if (year >= 2021) {
      list.push(fixed2(6, 19, "Juneteenth National Independence Day"));
    }
    list.push(fixed2(7, 4, "Independence Day"));
    list.push(floating(nthWeekdayOfMonth(year, 9, MONDAY, 1), "Labor Day"));
    list.push(floating(nthWeekdayOfMonth(year, 10, MONDAY, 2), "Columbus Day"));
    list.push(
      year >= 1978 ? fixed2(11, 11, "Veterans Day") : floating(nthWeekdayOfMonth(year, 10, MONDAY, 4), "Veterans Day")
    );
    list.push(floating(nthWeekdayOfMonth(year, 11, THURSDAY, 4), "Thanksgiving Day"));
    list.push(fixed2(12, 25, "Christmas Day"));
    return list;
  }
  function observedDay(day) {
    const dow = weekday(day);
    if (dow === SATURDAY) {
      return day - (SATURDAY - FRIDAY);
    }
    return dow === SUNDAY ? day + 1 : day;
  }
  function withObservedDays(year) {
    const out = [];
    for (const holiday of holidaysOfYear(year)) {
      out.push(holiday);
      const observed2 = holiday.observable ? observedDay(holiday.day) : holiday.day;
      if (observed2 !== holiday.day) {
        out.push({ name: holiday.name + " (observed)", day: observed2, observable: false });
      }
    }
    return out;
  }
  function holidaysInYear2(year) {
    const candidates = [...withObservedDays(year), ...withObservedDays(year + 1)];
    const first = dayNumber(year, 1, 1);
    const last = dayNumber(year, 12, 31);
    const inYear = candidates.filter((h) => h.day >= first && h.day <= last);
    const order = inYear.map((_, i) => i).sort((a, b) => inYear[a].day - inYear[b].day || a - b);
    return order.map((i) => ({ name: inYear[i].name, date: formatDay(inYear[i].day) }));
  }
  var UNITED_STATES = { firstYear: FIRST_YEAR2, lastYear: LAST_YEAR2, holidaysInYear: holidaysInYear2 };

  // src/model/holidays/countryHolidays.ts
  var CALENDARS = {
    KR: SOUTH_KOREA,
    US: UNITED_STATES
  };
  function supportedCountries() {
    return Object.keys(CALENDARS).sort();
  }
  function calendarOf(country) {
    const code = typeof country === "string" ? country.trim().toUpperCase() : "";
    const calendar = Object.prototype.hasOwnProperty.call(CALENDARS, code) ? CALENDARS[code] : void 0;
    if (!calendar) {
      throw new Error(
        `Unknown holiday country ${JSON.stringify(country)}; supported: ${supportedCountries().join(", ")}`
      );
    }
    return calendar;
  }
  function countryYearRange(country) {
    const calendar = calendarOf(country);
    return { fromYear: calendar.firstYear, toYear: calendar.lastYear };
  }
  function countryHolidays(country, fromYear, toYear) {
    const calendar = calendarOf(country);
    const code = country.trim().toUpperCase();
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < calendar.firstYear || toYear > calendar.lastYear) {
      throw new Error(
        `Holiday calendar ${code} covers the years ${calendar.firstYear} to ${calendar.lastYear}; requested ${fromYear} to ${toYear}`
      );
    }
    const holidays = [];
    for (let year = fromYear; year <= toYear; year++) {
      holidays.push(...yearOf(code, calendar, year));
    }
    return holidays;
  }
  var YEARS = /* @__PURE__ */ new Map();
  function yearOf(code, calendar, year) {
    const key = `${code}:${year}`;
    let holidays = YEARS.get(key);
    if (holidays === void 0) {
      holidays = Object.freeze(calendar.holidaysInYear(year).map((h) => Object.freeze({ ...h })));
      YEARS.set(key, holidays);
    }
    return holidays;
  }

  // src/model/holidays/holidayIntervals.ts
  var MAX_WINDOW_DAYS = 366;
  var MAX_TZ_OFFSET_MINUTES = 18 * 60;
  function checkWindow(lowerWindow, upperWindow) {
    const bad2 = (w) => !Number.isInteger(w) || Math.abs(w) > MAX_WINDOW_DAYS;
    if (bad2(lowerWindow) || bad2(upperWindow) || lowerWindow > upperWindow) {
      throw new Error(
        `Holiday window must be whole days with lowerWindow <= upperWindow, within \xB1${MAX_WINDOW_DAYS}; got [${lowerWindow}, ${upperWindow}]`
      );
    }
  }
  function checkTzOffset(tzOffsetMinutes) {
    if (!Number.isFinite(tzOffsetMinutes) || Math.abs(tzOffsetMinutes) > MAX_TZ_OFFSET_MINUTES) {
      throw new Error(
        `Holiday time-zone offset must be minutes within \xB1${MAX_TZ_OFFSET_MINUTES}; got ${tzOffsetMinutes}`
      );
    }
  }
  function distinctDays(dates) {
    const days2 = [];
    for (const date of dates) {
      const day = parseDay(date);
      if (day === void 0) {
        throw new Error(`Holiday date must be a real calendar date written YYYY-MM-DD; got ${JSON.stringify(date)}`);
      }
      days2.push(day);
    }
    days2.sort((a, b) => a - b);
    return days2.filter((day, i) => i === 0 || day !== days2[i - 1]);
  }
  function mergedDayIntervals(sortedDays, shiftMs) {
    const intervals = [];
    for (const day of sortedDays) {
      const start = day * MS_PER_DAY + shiftMs;
      const last = intervals.length - 1;
      if (last > 0 && intervals[last] === start) {
        intervals[last] = start + MS_PER_DAY;
      } else {
        intervals.push(start, start + MS_PER_DAY);
      }
    }
    return intervals;
  }
  function holidayIntervals(dates, lowerWindow, upperWindow, tzOffsetMinutes) {
    checkWindow(lowerWindow, upperWindow);
    checkTzOffset(tzOffsetMinutes);
    const days2 = distinctDays(dates);
    const zoneShiftMs = -tzOffsetMinutes * 6e4;
    const result = [];
    for (let offset = lowerWindow; offset <= upperWindow; offset++) {
      result.push({ offset, intervals: mergedDayIntervals(days2, offset * MS_PER_DAY + zoneShiftMs) });
    }
    return result;
  }

  // src/demo/random.ts
  function seededRandom(seed) {
    let state = (Math.floor(Math.abs(seed)) ^ 1540483477) >>> 0;
    let spare = NaN;
    const next = () => {
      state = state + 2654435769 >>> 0;
      let x = state;
      x = Math.imul(x ^ x >>> 16, 2246822507);
      x = Math.imul(x ^ x >>> 13, 3266489909);
      x ^= x >>> 16;
      return (x >>> 0) / 4294967296;
    };
    const normal = () => {
      if (!Number.isNaN(spare)) {
        const value = spare;
        spare = NaN;
        return value;
      }
      const u = 1 - next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    };
    return { uniform: next, normal };
  }

  // src/demo/messagingMetric.ts
  var MINUTE = 6e4;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;
  var KST_OFFSET_MS = 9 * HOUR;
  var DEFAULT_DEMO_END = Date.UTC(2025, 9, 20);
  var DEFAULT_DEMO_OPTIONS = Object.freeze({
    start: DEFAULT_DEMO_END - 56 * DAY,
    end: DEFAULT_DEMO_END,
    stepMs: 5 * MINUTE,
    seed: 20251020
  });
  var PEAK_PER_5_MINUTES = 42e3;
  var GROWTH_PER_DAY = 15e-4;
  var NOISE_SHARE = 0.02;
  var MAX_POINTS = 5e6;
  var WEEKEND_FACTOR = 0.9;
  var MAJOR_HOLIDAY_FACTOR = 0.7;
  var DAY_OFF_SHIFT_HOURS = 0.5;
  var DEGRADATION_DEPTH = 0.5;
  function generateDemoSeries(options = {}) {
    var _a, _b, _c, _d, _e;
    const end = (_a = options.end) != null ? _a : DEFAULT_DEMO_OPTIONS.end;
    const start = (_b = options.start) != null ? _b : end - 56 * DAY;
    const stepMs = (_c = options.stepMs) != null ? _c : DEFAULT_DEMO_OPTIONS.stepMs;
    const seed = (_d = options.seed) != null ? _d : DEFAULT_DEMO_OPTIONS.seed;
    if (![start, end, stepMs, seed].every(Number.isFinite) || stepMs <= 0 || end <= start) {
      throw new Error("generateDemoSeries needs finite start < end and a positive stepMs");
    }
    const n = Math.ceil((end - start) / stepMs);
    if (n > MAX_POINTS) {
      throw new Error(`generateDemoSeries would make ${n} points; the limit is ${MAX_POINTS}`);
    }
    const holidays = koreanHolidays(start, end);
    const holidayKind = /* @__PURE__ */ new Map();
    for (const h of holidays) {
      const major = /Seollal|Chuseok/.test(h.name);
      if (major || !holidayKind.has(h.date)) {
        holidayKind.set(h.date, major ? "major" : "minor");
      }
    }
    const incidents = placeIncidents(start, end);
    const random = seededRandom(seed);
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = start + i * stepMs;
      const local = t + KST_OFFSET_MS;
      const date = new Date(local).toISOString().slice(0, 10);
      const weekday2 = new Date(local).getUTCDay();
      const kind = (_e = holidayKind.get(date)) != null ? _e : weekday2 === 0 || weekday2 === 6 ? "weekend" : "workday";
      const hour = local % DAY / HOUR;
      const growth = 1 + GROWTH_PER_DAY * ((t - start) / DAY);
      const expected = PEAK_PER_5_MINUTES * growth * dayFactor(kind) * dailyShape(hour, kind !== "workday");
      const noisy = expected * (1 + NOISE_SHARE * random.normal());
      values[i] = Math.max(0, Math.round(noisy * incidentFactor(t, incidents)));
      timestamps[i] = t;
    }
    return {
      timestamps,
      values,
      incidents,
      holidays,
      modelHints: { country_holidays: ["KR"], holidays_tz_offset_minutes: 540 }
    };
  }
  function dailyShape(hour, dayOff) {
    const h = dayOff ? hour - DAY_OFF_SHIFT_HOURS : hour;
    return 0.12 + 0.45 * bump(h, 11, 3.2) + 0.35 * bump(h, 15.5, 2.5) + 0.88 * bump(h, 21.5, 2.2);
  }
  function dayFactor(kind) {
    switch (kind) {
      case "workday":
        return 1;
      case "weekend":
      case "minor":
        return WEEKEND_FACTOR;
      case "major":
        return MAJOR_HOLIDAY_FACTOR;
    }
  }
  function bump(hour, center, width) {
    const raw = Math.abs(hour - center) % 24;
    const distance = Math.min(raw, 24 - raw);
    return Math.exp(-0.5 * (distance / width) ** 2);
  }
  function koreanHolidays(start, end) {
    const fromYear = new Date(start + KST_OFFSET_MS).getUTCFullYear();
    const toYear = new Date(end + KST_OFFSET_MS).getUTCFullYear();
    const range = countryYearRange("KR");
    const from = Math.max(fromYear, range.fromYear);
    const to = Math.min(toYear, range.toYear);
    if (from > to) {
      return [];
    }
    const firstDate = new Date(start + KST_OFFSET_MS).toISOString().slice(0, 10);
    const lastDate = new Date(end - 1 + KST_OFFSET_MS).toISOString().slice(0, 10);
    return countryHolidays("KR", from, to).filter((h) => h.date >= firstDate && h.date <= lastDate);
  }
  function placeIncidents(start, end) {
    const days2 = (end - start) / DAY;
    const at2 = (share, localHour) => {
      const localDayStart = Math.floor((start + KST_OFFSET_MS) / DAY) * DAY - KST_OFFSET_MS;
      return localDayStart + Math.floor(share * days2) * DAY + localHour * HOUR;
    };
    const candidates = [
      {
        kind: "spike",
        start: at2(0.31, 14),
        end: at2(0.31, 14) + 20 * MINUTE,
        direction: 1,
        description: "push campaign: traffic \xD71.8 for 20 minutes"
      },
      {
        kind: "outage",
        start: at2(0.56, 20.5),
        end: at2(0.56, 20.5) + 45 * MINUTE,
        direction: -1,
        description: "outage: traffic falls to 8% for 45 minutes"
      },
      {
        kind: "degradation",
        start: at2(0.92, 9),
        end: at2(0.92, 9) + 8 * HOUR,
        direction: -1,
        description: "slow degradation: traffic sinks to 50% over 8 hours, then a fix"
      }
    ];
    return candidates.filter((incident) => incident.start >= start && incident.end <= end);
  }
  function incidentFactor(t, incidents) {
    for (const incident of incidents) {
      if (t < incident.start || t >= incident.end) {
        continue;
      }
      switch (incident.kind) {
        case "spike":
          return 1.8;
        case "outage":
          return 0.08;
        case "degradation":
          return 1 - DEGRADATION_DEPTH * ((t - incident.start) / (incident.end - incident.start));
      }
    }
    return 1;
  }

  // src/model/errors.ts
  var ModelInputError = class extends Error {
    constructor(message) {
      super(message);
      this.name = "ModelInputError";
    }
  };
  var ModelSettingsError = class extends ModelInputError {
  };

  // src/model/families/ensembleKernels.ts
  function kthLargest(columns, members, k, out) {
    const n = out.length;
    if (columns.length < members * n || !(members >= 1) || !(k >= 1)) {
      throw new Error(`kthLargest: ${columns.length} values for ${members} members of ${n} points, k ${k}`);
    }
    const picked = new Float64Array(members);
    for (let i = 0; i < n; i++) {
      let finite4 = 0;
      for (let j = 0; j < members; j++) {
        const v = columns[j * n + i];
        if (v === v) {
          let at2 = finite4++;
          while (at2 > 0 && picked[at2 - 1] < v) {
            picked[at2] = picked[at2 - 1];
            at2--;
          }
          picked[at2] = v;
        }
      }
      out[i] = finite4 === 0 ? NaN : picked[(k < finite4 ? k : finite4) - 1];
    }
  }
  function harmonicMean(columns, members, out) {
    const n = out.length;
    if (columns.length < members * n || !(members >= 1)) {
      throw new Error(`harmonicMean: ${columns.length} values for ${members} members of ${n} points`);
    }
    for (let i = 0; i < n; i++) {
      let finite4 = 0;
      let reciprocals = 0;
      for (let j = 0; j < members; j++) {
        const v = columns[j * n + i];
        if (v === v) {
          finite4++;
          reciprocals += v > 0 ? 1 / v : Infinity;
        }
      }
      out[i] = finite4 === 0 ? NaN : finite4 / reciprocals;
    }
  }
  function combineVerdicts(stacked2, members, k, alone, lead, out) {
    const n = out.yhat.length;
    const total = members * n;
    if (!(members >= 1) || !(k >= 1) || k > members || stacked2.yhat.length < total || stacked2.lower.length < total || stacked2.upper.length < total || stacked2.outlier.length < total || stacked2.score.length < total || out.lower.length < n || out.upper.length < n || out.outlier.length < n || out.score.length < n || !(lead === -1 || Number.isInteger(lead) && lead >= 0 && lead < members) || alone !== null && (alone.length < n || lead === -1)) {
      throw new Error(`combineVerdicts: ${members} members of ${n} points, k ${k}, lead ${lead}`);
    }
    const picked = new Float64Array(n);
    if (lead >= 0) {
      const from = lead * n;
      out.yhat.set(stacked2.yhat.subarray(from, from + n));
      out.lower.set(stacked2.lower.subarray(from, from + n));
      out.upper.set(stacked2.upper.subarray(from, from + n));
    } else {
      const middle = Math.floor(members / 2) + 1;
      const median3 = (values, into) => {
        kthLargest(values, members, middle, into);
        if (members % 2 === 0) {
          kthLargest(values, members, members / 2, picked);
          for (let i = 0; i < n; i++) {
            into[i] = (into[i] + picked[i]) * 0.5;
          }
        }
      };
      median3(stacked2.yhat, out.yhat);
      median3(stacked2.lower, out.lower);
      median3(stacked2.upper, out.upper);
    }
    if (k === members && members > 1) {
      harmonicMean(stacked2.score, members, out.score);
    } else {
      kthLargest(stacked2.score, members, k, out.score);
    }
    const column = new Float64Array(total);
    for (let i = 0; i < total; i++) {
      column[i] = stacked2.outlier[i];
    }
    const above = new Float64Array(n);
    kthLargest(column, members, k, above);
    kthLargest(column, members, members - k + 1, picked);
    for (let i = 0; i < n; i++) {
      out.outlier[i] = above[i] >= 1 ? 1 : picked[i] <= -1 ? -1 : 0;
      if (alone !== null && alone[i] === 1) {
        out.outlier[i] = stacked2.outlier[lead * n + i];
        out.score[i] = stacked2.score[lead * n + i];
      }
    }
  }

  // src/model/float64Text.ts
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var SEXTETS = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));
  function sextetOrThrow(text, at2, message) {
    const code = text.charCodeAt(at2);
    const v = code < 128 ? SEXTETS[code] : -1;
    if (v < 0) {
      throw new Error(message);
    }
    return v;
  }
  var FLOAT64_TEXT_ERROR = "the text is not base64 of float64 values";
  function bytesOf(values) {
    const bytes = new Uint8Array(8 * values.length);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === v) {
        view.setFloat64(8 * i, v, true);
      } else {
        view.setUint32(8 * i + 4, 2146959360, true);
      }
    }
    return bytes;
  }
  function encodeFloat64s(values) {
    const bytes = bytesOf(values);
    const parts = [];
    for (let i = 0; i < bytes.length; i += 3) {
      const left = bytes.length - i;
      const triple = bytes[i] << 16 | (left > 1 ? bytes[i + 1] : 0) << 8 | (left > 2 ? bytes[i + 2] : 0);
      parts.push(
        ALPHABET[triple >> 18] + ALPHABET[triple >> 12 & 63] + (left > 1 ? ALPHABET[triple >> 6 & 63] : "=") + (left > 2 ? ALPHABET[triple & 63] : "=")
      );
    }
    return parts.join("");
  }
  var MAX_EXPANDED_TIMES = 5e7;
  var EXPAND_RUNS_ERROR = `each run's count must be a whole number of at least 1, and all runs at most ${MAX_EXPANDED_TIMES} times`;
  function expandRuns(runs) {
    let n = runs.length > 0 ? 1 : 0;
    for (let r = 1; r + 1 < runs.length; r += 2) {
      const count2 = runs[r + 1];
      if (!(Number.isInteger(count2) && count2 >= 1)) {
        throw new Error(EXPAND_RUNS_ERROR);
      }
      n += count2;
      if (n > MAX_EXPANDED_TIMES) {
        throw new Error(EXPAND_RUNS_ERROR);
      }
    }
    const times = new Float64Array(n);
    if (n === 0) {
      return times;
    }
    let t = runs[0];
    times[0] = t;
    let i = 1;
    for (let r = 1; r + 1 < runs.length; r += 2) {
      const step2 = runs[r];
      for (let end = i + runs[r + 1]; i < end; i++) {
        t += step2;
        times[i] = t;
      }
    }
    return times;
  }
  function collapseRuns(times) {
    if (times.length === 0) {
      return new Float64Array(0);
    }
    const runs = [times[0]];
    let step2 = NaN;
    let count2 = 0;
    for (let i = 1; i < times.length; i++) {
      const d = times[i] - times[i - 1];
      if (count2 > 0 && d === step2) {
        count2++;
      } else {
        if (count2 > 0) {
          runs.push(step2, count2);
        }
        step2 = d;
        count2 = 1;
      }
    }
    if (count2 > 0) {
      runs.push(step2, count2);
    }
    return Float64Array.from(runs);
  }
  function decodeFloat64s(text) {
    const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    const byteLength = 3 * text.length / 4 - padding;
    if (text.length % 4 !== 0 || byteLength % 8 !== 0) {
      throw new Error(FLOAT64_TEXT_ERROR);
    }
    const bytes = new Uint8Array(byteLength);
    for (let i = 0, b = 0; i < text.length; i += 4) {
      const last = i + 4 === text.length;
      const a = sextetOrThrow(text, i, FLOAT64_TEXT_ERROR);
      const c = sextetOrThrow(text, i + 1, FLOAT64_TEXT_ERROR);
      const d = last && padding === 2 ? 0 : sextetOrThrow(text, i + 2, FLOAT64_TEXT_ERROR);
      const e = last && padding >= 1 ? 0 : sextetOrThrow(text, i + 3, FLOAT64_TEXT_ERROR);
      const triple = a << 18 | c << 12 | d << 6 | e;
      if (last && padding > 0 && (triple & (padding === 2 ? 65535 : 255)) !== 0) {
        throw new Error(FLOAT64_TEXT_ERROR);
      }
      bytes[b++] = triple >> 16;
      if (b < byteLength) {
        bytes[b++] = triple >> 8 & 255;
      }
      if (b < byteLength) {
        bytes[b++] = triple & 255;
      }
    }
    const view = new DataView(bytes.buffer);
    return Float64Array.from({ length: byteLength / 8 }, (_, i) => view.getFloat64(8 * i, true));
  }

  // src/model/valueSteps.ts
  var MORE = 32;
  var MAX_GRID_STEPS = 2 ** 51;
  var ZIGZAG_LIMIT = 2 ** 53;
  var MAX_DIGITS = 11;
  var MAX_DECODED_STEPS = 5e7;
  var VALUE_GRID_ERROR = "the step must be a power of two of at least 2^-1022 and every value under 2^51 steps from 0";
  var VALUE_STEPS_ERROR = "the text is not steps of values on a power-of-two grid";
  var scratch = new DataView(new ArrayBuffer(8));
  function isGridStep(step2) {
    scratch.setFloat64(0, step2);
    const high = scratch.getUint32(0);
    const exponent = high >>> 20;
    return exponent >= 1 && exponent <= 2046 && (high & 1048575) === 0 && scratch.getUint32(4) === 0;
  }
  function powerOfTwoAtMost(x) {
    scratch.setFloat64(0, x);
    const exponent = scratch.getUint32(0) >>> 20;
    if (!(exponent >= 1 && exponent <= 2046)) {
      return 0;
    }
    scratch.setUint32(0, exponent << 20);
    scratch.setUint32(4, 0);
    return scratch.getFloat64(0);
  }
  function trailingZeros32(x) {
    return 31 - Math.clz32(x & -x);
  }
  function coarsestBinaryStep(values) {
    let lowest = Infinity;
    for (let i = 0; i < values.length; i++) {
      scratch.setFloat64(0, values[i]);
      const high = scratch.getUint32(0);
      const low = scratch.getUint32(4);
      const exponent = high >>> 20 & 2047;
      const mantissaHigh = high & 1048575;
      if (exponent === 2047) {
        return 0;
      }
      if (exponent === 0 && mantissaHigh === 0 && low === 0) {
        continue;
      }
      const zeros = low !== 0 ? trailingZeros32(low) : mantissaHigh !== 0 ? 32 + trailingZeros32(mantissaHigh) : 52;
      lowest = Math.min(lowest, (exponent === 0 ? -1074 : exponent - 1075) + zeros);
    }
    if (lowest === Infinity) {
      return Infinity;
    }
    if (lowest >= -1022) {
      scratch.setUint32(0, lowest + 1023 << 20);
      scratch.setUint32(4, 0);
    } else {
      const bit = lowest + 1074;
      scratch.setUint32(0, bit >= 32 ? 1 << bit - 32 : 0);
      scratch.setUint32(4, bit < 32 ? 1 << bit : 0);
    }
    return scratch.getFloat64(0);
  }
  function encodeValueSteps(values, step2) {
    if (!isGridStep(step2)) {
      throw new Error(VALUE_GRID_ERROR);
    }
    const parts = [];
    let previous = 0;
    for (let i = 0; i < values.length; i++) {
      const k = Math.floor(values[i] / step2 + 0.5);
      if (!(Math.abs(k) < MAX_GRID_STEPS && Math.abs(k * step2) <= Number.MAX_VALUE)) {
        throw new Error(VALUE_GRID_ERROR);
      }
      const d = k - previous;
      previous = k;
      let z = d >= 0 ? 2 * d : -2 * d - 1;
      let digits = "";
      while (z >= MORE) {
        const digit = z % MORE;
        digits += ALPHABET[MORE + digit];
        z = (z - digit) / MORE;
      }
      parts.push(digits + ALPHABET[z]);
    }
    return parts.join("");
  }
  function decodeValueSteps(text, step2) {
    if (!isGridStep(step2)) {
      throw new Error(VALUE_STEPS_ERROR);
    }
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      if (sextetOrThrow(text, i, VALUE_STEPS_ERROR) < MORE) {
        n++;
      }
    }
    if (text.length > 0 && sextetOrThrow(text, text.length - 1, VALUE_STEPS_ERROR) >= MORE || n > MAX_DECODED_STEPS) {
      throw new Error(VALUE_STEPS_ERROR);
    }
    const values = new Float64Array(n);
    let k = 0;
    let z = 0;
    let scale = 1;
    let digits = 0;
    for (let i = 0, at2 = 0; i < text.length; i++) {
      const c = sextetOrThrow(text, i, VALUE_STEPS_ERROR);
      const digit = c % MORE;
      z += digit * scale;
      if (c >= MORE) {
        scale *= MORE;
        if (++digits >= MAX_DIGITS) {
          throw new Error(VALUE_STEPS_ERROR);
        }
        continue;
      }
      if (digits > 0 && digit === 0 || z >= ZIGZAG_LIMIT) {
        throw new Error(VALUE_STEPS_ERROR);
      }
      k += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      const v = k * step2;
      if (!(Math.abs(k) < MAX_GRID_STEPS && Math.abs(v) <= Number.MAX_VALUE)) {
        throw new Error(VALUE_STEPS_ERROR);
      }
      values[at2++] = v;
      z = 0;
      scale = 1;
      digits = 0;
    }
    return values;
  }

  // src/model/statistics.ts
  function insertSorted(sorted, count2, value) {
    let at2 = count2;
    while (at2 > 0 && sorted[at2 - 1] > value) {
      sorted[at2] = sorted[at2 - 1];
      at2--;
    }
    sorted[at2] = value;
  }
  function quantileSorted(sorted, q) {
    const n = sorted.length;
    if (n === 0) {
      return NaN;
    }
    const h = (n - 1) * Math.min(1, Math.max(0, q));
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
  function selectInPlace(work, k) {
    let lo = 0;
    let hi = work.length - 1;
    while (hi > lo) {
      const mid = lo + hi >> 1;
      const a = work[lo];
      const b = work[mid];
      const c = work[hi];
      const pivot = a < b ? b < c ? b : a < c ? c : a : a < c ? a : b < c ? c : b;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (work[i] < pivot) {
          i++;
        }
        while (work[j] > pivot) {
          j--;
        }
        if (i <= j) {
          const t = work[i];
          work[i] = work[j];
          work[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return work[k];
      }
    }
    return work[k];
  }
  function quantile(values, q, work = values.slice()) {
    const n = values.length;
    if (n === 0) {
      return NaN;
    }
    if (work !== values) {
      work.set(values);
    }
    const h = (n - 1) * Math.min(1, Math.max(0, q));
    const lo = Math.floor(h);
    const low = selectInPlace(work, lo);
    if (lo === h || lo + 1 >= n) {
      return low;
    }
    let next = Infinity;
    for (let i = lo + 1; i < n; i++) {
      if (work[i] < next) {
        next = work[i];
      }
    }
    return low + (h - lo) * (next - low);
  }
  function quantiles(values, qs) {
    const out = new Float64Array(qs.length);
    const work = values.slice();
    for (let i = 0; i < qs.length; i++) {
      out[i] = quantile(work, qs[i], work);
    }
    return out;
  }
  function median(values) {
    const n = values.length;
    if (n === 0) {
      return NaN;
    }
    const work = values.slice();
    const upper = selectInPlace(work, n >> 1);
    if (n % 2 === 1) {
      return upper;
    }
    let lower = -Infinity;
    for (let i = 0; i < n >> 1; i++) {
      if (work[i] > lower) {
        lower = work[i];
      }
    }
    return (lower + upper) / 2;
  }
  function normalQuantile(p) {
    if (!(p > 0 && p < 1)) {
      return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
    }
    const a = [
      -39.69683028665376,
      220.9460984245205,
      -275.9285104469687,
      138.357751867269,
      -30.66479806614716,
      2.506628277459239
    ];
    const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    const c = [
      -0.007784894002430293,
      -0.3223964580411365,
      -2.400758277161838,
      -2.549732539343734,
      4.374664141464968,
      2.938163982698783
    ];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const plow = 0.02425;
    let x;
    if (p < plow) {
      const q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - plow) {
      const q = p - 0.5;
      const r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      const q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }
  function normalUpperTail(x) {
    if (Number.isNaN(x)) {
      return NaN;
    }
    const z = Math.abs(x) / Math.SQRT2;
    const t = 1 / (1 + z / 2);
    const poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    const erfcHalf = t * Math.exp(poly) / 2;
    return x >= 0 ? erfcHalf : 1 - erfcHalf;
  }

  // src/model/dayKindKernels.ts
  var MEDIAN_VARIANCE_FACTOR = Math.PI / 2;
  var DAY_KIND_WORK_DAYS = 0;
  var DAY_KIND_OFF_DAYS = 1;
  var DAY_KIND_DIFFERENCE = 2;
  var DAY_KIND_BAR = 3;
  function dayKindDifference(sums, binsPerDay, days2, offDay, significance, minBar) {
    const work = [];
    const off = [];
    for (let d = 0; d < days2; d++) {
      const profile = dayProfile(sums, d, binsPerDay, days2 * binsPerDay);
      if (profile !== null) {
        (offDay[d] === 1 ? off : work).push(profile);
      }
    }
    const out = Float64Array.of(work.length, off.length, NaN, NaN);
    if (work.length < 2 || off.length < 2) {
      return out;
    }
    const workKind = kindOf(work);
    const offKind = kindOf(off);
    const variation = dayToDayVariance([workKind, offKind]);
    const bar = Math.max(
      significance * Math.sqrt(MEDIAN_VARIANCE_FACTOR * variation * (1 / work.length + 1 / off.length)),
      minBar
    );
    out[DAY_KIND_DIFFERENCE] = leaveOneOutDifference(workKind, offKind, bar);
    out[DAY_KIND_BAR] = bar;
    return out;
  }
  function kindOf(profiles) {
    const bins = sortedBins(profiles);
    return { profiles, bins, median: medianOfBins(bins) };
  }
  function dayProfile(sums, d, binsPerDay, bins) {
    const profile = new Float64Array(binsPerDay);
    let mean3 = 0;
    for (let b = 0; b < binsPerDay; b++) {
      const weight = sums[bins + d * binsPerDay + b];
      if (!(weight > 0)) {
        return null;
      }
      profile[b] = sums[d * binsPerDay + b] / weight;
      mean3 += profile[b] / binsPerDay;
    }
    for (let b = 0; b < binsPerDay; b++) {
      profile[b] -= mean3;
    }
    return profile;
  }
  function medianOfBins(bins) {
    const out = new Float64Array(bins.length);
    for (let b = 0; b < bins.length; b++) {
      out[b] = quantileSorted(bins[b], 0.5);
    }
    return out;
  }
  function profileDistance(off, work) {
    const bins = off.length;
    let mean3 = 0;
    for (let j = 0; j < bins; j++) {
      mean3 += (off[j] - work[j]) / bins;
    }
    let square = 0;
    for (let j = 0; j < bins; j++) {
      const d = off[j] - work[j] - mean3;
      square += d * d / bins;
    }
    return Math.sqrt(square);
  }
  function sortedBins(profiles) {
    const bins = [];
    for (let b = 0; b < profiles[0].length; b++) {
      const values = new Float64Array(profiles.length);
      for (let d = 0; d < profiles.length; d++) {
        values[d] = profiles[d][b];
      }
      bins.push(values.sort());
    }
    return bins;
  }
  function withoutDay(day, bins, out) {
    const m = bins[0].length - 1;
    const k = m >> 1;
    for (let b = 0; b < day.length; b++) {
      const sorted = bins[b];
      const v = day[b];
      if (m % 2 === 1) {
        out[b] = sorted[k] < v ? sorted[k] : sorted[k + 1];
      } else {
        const below = sorted[k - 1] < v ? sorted[k - 1] : sorted[k];
        const above = sorted[k] < v ? sorted[k] : sorted[k + 1];
        out[b] = (below + above) / 2;
      }
    }
    return out;
  }
  function leaveOneOutDifference(work, off, bar) {
    let smallest = profileDistance(off.median, work.median);
    const without = new Float64Array(work.median.length);
    for (let d = 0; d < work.profiles.length && smallest > bar; d++) {
      smallest = Math.min(smallest, profileDistance(off.median, withoutDay(work.profiles[d], work.bins, without)));
    }
    for (let d = 0; d < off.profiles.length && smallest > bar; d++) {
      smallest = Math.min(smallest, profileDistance(withoutDay(off.profiles[d], off.bins, without), work.median));
    }
    return smallest;
  }
  function dayToDayVariance(kinds) {
    const variances = new Float64Array(kinds.reduce((sum2, kind) => sum2 + kind.profiles.length, 0));
    let k = 0;
    for (const { profiles: kind, median: m } of kinds) {
      const correction = kind.length / (kind.length - 1);
      for (const p of kind) {
        const bins = p.length;
        let square = 0;
        for (let b = 0; b < bins; b++) {
          const d = p[b] - m[b];
          square += d * d / bins;
        }
        variances[k++] = square * correction;
      }
    }
    return median(variances);
  }

  // src/model/families/pastKernels.ts
  function nearest(times, slot) {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (times[mid] < slot) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo === 0) {
      return times.length > 0 ? 0 : -1;
    }
    if (lo === times.length || slot - times[lo - 1] <= times[lo] - slot) {
      return lo - 1;
    }
    return lo;
  }
  function slotSummaries(queries, times, values, usable, fallback, spec, out) {
    const period = spec.period_ms;
    const tolerance = spec.tolerance_ms;
    const count2 = spec.count;
    const end = spec.end_ms;
    const picked = new Float64Array(Math.max(count2, 0));
    for (let i = 0; i < queries.length; i++) {
      const t = queries[i];
      let first = 1;
      if (period > 0) {
        const ahead = (t - end - tolerance) / period;
        if (ahead > 1) {
          first = Math.ceil(ahead);
        }
      }
      const last = first + spec.max_lags;
      let m = 0;
      for (let k = first; k < last && m < count2; k++) {
        const slot = t - k * period;
        const j = nearest(times, slot);
        if (j < 0) {
          break;
        }
        const gap = times[j] < slot ? slot - times[j] : times[j] - slot;
        if (!(gap <= tolerance)) {
          if (period > 0 ? slot < times[0] : slot > times[times.length - 1]) {
            break;
          }
          continue;
        }
        if (usable !== null && !(usable[j] > 0)) {
          continue;
        }
        insertSorted(picked, m, values[j]);
        m++;
      }
      out.used[i] = m;
      if (m === 0) {
        out.summary[i] = fallback === null ? NaN : fallback[i];
        continue;
      }
      const h = m >> 1;
      let median3 = m % 2 === 1 ? picked[h] : (picked[h - 1] + picked[h]) / 2;
      if (t > end) {
        median3 += spec.shift;
      }
      out.summary[i] = median3;
    }
  }

  // src/model/families/autoregressiveKernels.ts
  function cellOf(t, grid) {
    return Math.floor((t - grid.origin_ms) / grid.step_ms + 0.5);
  }
  function clamp(v, lowest, highest) {
    return v < lowest ? lowest : v > highest ? highest : v;
  }
  function isFiniteNumber(v) {
    return v === v && v !== Infinity && v !== -Infinity;
  }
  function gridSeries(timestamps, values, grid, out) {
    const cells = out.length;
    const sums = new Float64Array(cells);
    const counts = new Float64Array(cells);
    let placed = 0;
    for (let i = 0; i < timestamps.length; i++) {
      const v = values[i];
      if (!isFiniteNumber(v)) {
        continue;
      }
      const c = cellOf(timestamps[i], grid);
      if (!(c >= 0 && c < cells)) {
        continue;
      }
      sums[c] += v;
      counts[c] += 1;
      placed++;
    }
    for (let c = 0; c < cells; c++) {
      if (counts[c] > 0) {
        out[c] = sums[c] / counts[c];
      }
    }
    return placed;
  }
  function gridLookup(timestamps, grid, table, fallback) {
    const out = new Float64Array(timestamps.length);
    for (let i = 0; i < timestamps.length; i++) {
      const c = cellOf(timestamps[i], grid);
      const v = c >= 0 && c < table.length ? table[c] : NaN;
      out[i] = isFiniteNumber(v) ? v : fallback;
    }
    return out;
  }
  function lagDesign(values, lags, from, to, intercept, keep) {
    let maxLag = 0;
    for (let j = 0; j < lags.length; j++) {
      if (lags[j] < 0) {
        throw new Error(`lagDesign: lag ${lags[j]} is negative`);
      }
      maxLag = Math.max(maxLag, lags[j]);
    }
    if (from < maxLag || to > values.length || keep !== null && keep.length < to) {
      throw new Error(`lagDesign: rows ${from}..${to} with lags up to ${maxLag} over ${values.length} values`);
    }
    const width = lags.length + (intercept ? 1 : 0);
    let rows = 0;
    for (let t = from; t < to; t++) {
      if (keep === null || keep[t] > 0) {
        rows++;
      }
    }
    const X = new Float64Array(rows * width);
    let k = 0;
    for (let t = from; t < to; t++) {
      if (keep !== null && !(keep[t] > 0)) {
        continue;
      }
      if (intercept) {
        X[k++] = 1;
      }
      for (let j = 0; j < lags.length; j++) {
        X[k++] = values[t - lags[j]];
      }
    }
    return X;
  }
  function arRecursion(values, recursion, out) {
    const n = values.length;
    const { lags, coefficients, horizon_variance: horizonVariance } = recursion;
    const { cleaned, predicted, extra_variance: extraVariance, kept } = out;
    let maxLag = 0;
    for (let j = 0; j < lags.length; j++) {
      if (lags[j] < 1) {
        throw new Error(`arRecursion: lag ${lags[j]} is below 1`);
      }
      maxLag = Math.max(maxLag, lags[j]);
    }
    if (coefficients.length < lags.length || horizonVariance.length === 0 || recursion.start < maxLag || cleaned.length < n || predicted.length < n || extraVariance.length < n || kept.length < n) {
      throw new Error(`arRecursion: ${n} cells from ${recursion.start} with mismatched lags or outputs`);
    }
    const start = Math.min(recursion.start, n);
    let last = 0;
    for (let t = 0; t < start; t++) {
      if (isFiniteNumber(values[t])) {
        last = values[t];
        break;
      }
    }
    let gap = 0;
    for (let t = 0; t < start; t++) {
      const v = values[t];
      if (isFiniteNumber(v)) {
        last = v;
        kept[t] = 1;
        gap = 0;
      } else {
        kept[t] = 0;
        gap++;
      }
      cleaned[t] = last;
      predicted[t] = NaN;
      extraVariance[t] = NaN;
    }
    const horizons = horizonVariance.length;
    let run = 0;
    let replaced = 0;
    const seasonalFrom = recursion.seasonal_from > 0 ? recursion.seasonal_from : Infinity;
    for (let t = start; t < n; t++) {
      let p = recursion.constant;
      let seasonal = recursion.constant;
      let echo = false;
      for (let j = 0; j < lags.length; j++) {
        const c = t - lags[j];
        p += coefficients[j] * cleaned[c];
        if (lags[j] >= seasonalFrom && kept[c] === 0 && isFiniteNumber(values[c])) {
          seasonal += coefficients[j] * values[c];
          echo = true;
        } else {
          seasonal += coefficients[j] * cleaned[c];
        }
      }
      p = clamp(p, recursion.lowest, recursion.highest);
      predicted[t] = p;
      const multiplier = horizonVariance[gap < horizons ? gap : horizons - 1];
      extraVariance[t] = multiplier - 1;
      const v = values[t];
      if (!isFiniteNumber(v)) {
        cleaned[t] = p;
        kept[t] = 0;
        gap++;
        continue;
      }
      const r = v - p;
      const widen = Math.sqrt(multiplier);
      const above = recursion.limit_above * widen;
      const below = recursion.limit_below * widen;
      if (r > above || -r > below) {
        const q = echo ? clamp(seasonal, recursion.lowest, recursion.highest) : p;
        if (echo && v - q <= above && q - v <= below) {
          predicted[t] = q;
          run = 0;
          cleaned[t] = v;
          kept[t] = 1;
          gap = 0;
          continue;
        }
        run++;
        if (run > recursion.max_run) {
          cleaned[t] = v;
          kept[t] = 1;
          gap = 0;
        } else {
          cleaned[t] = p;
          kept[t] = 0;
          gap++;
          replaced++;
        }
        continue;
      }
      run = 0;
      cleaned[t] = v;
      kept[t] = 1;
      gap = 0;
    }
    return replaced;
  }
  function arPsiVariance(lags, coefficients, steps) {
    if (coefficients.length < lags.length) {
      throw new Error(`arPsiVariance: ${lags.length} lags but ${coefficients.length} coefficients`);
    }
    const m = Math.max(0, steps);
    const psi = new Float64Array(m);
    const out = new Float64Array(m);
    let total = 0;
    for (let i = 0; i < m; i++) {
      let v = i === 0 ? 1 : 0;
      for (let j = 0; j < lags.length; j++) {
        const k = i - lags[j];
        if (k >= 0 && lags[j] > 0) {
          v += coefficients[j] * psi[k];
        }
      }
      psi[i] = v;
      total += v * v;
      out[i] = total;
    }
    return out;
  }

  // src/model/families/holtWintersKernels.ts
  var STATE_HEADER = 6;
  var SD_PER_MEAN_ABS = 1.2533141373155003;
  var SD_PER_MEDIAN_ABS = 1.4826;
  function slotOf(t, origin, step2) {
    return Math.floor((t - origin) / step2 + 0.5);
  }
  function holtWintersStart(timestamps, values, grid, initSlots) {
    const m = grid.season_slots;
    if (!(m >= 1)) {
      throw new Error(`season_slots must be at least 1, got ${m}`);
    }
    const state = new Float64Array(STATE_HEADER + m);
    state[1] = -1;
    const half = Math.floor(initSlots / 2);
    let n = 0;
    let firstHalf = 0;
    const slots = new Float64Array(timestamps.length);
    const ys = new Float64Array(timestamps.length);
    for (let i = 0; i < timestamps.length; i++) {
      const slot = slotOf(timestamps[i], grid.origin, grid.step);
      if (slot >= initSlots) {
        break;
      }
      const v = values[i];
      if (slot < 0 || v !== v || v === Infinity || v === -Infinity) {
        continue;
      }
      slots[n] = slot;
      ys[n] = v;
      if (slot < half) {
        firstHalf++;
      }
      n++;
    }
    if (n === 0) {
      return state;
    }
    const all = ys.subarray(0, n);
    const center = quantile(all, 0.5);
    let trend = 0;
    if (firstHalf > 0 && firstHalf < n) {
      const early = quantile(all.subarray(0, firstHalf), 0.5);
      const late = quantile(all.subarray(firstHalf, n), 0.5);
      trend = (late - early) / (initSlots - half);
    }
    const middle = (initSlots - 1) / 2;
    const counts = new Float64Array(m + 1);
    for (let k = 0; k < n; k++) {
      counts[slots[k] % m + 1]++;
    }
    for (let j = 0; j < m; j++) {
      counts[j + 1] += counts[j];
    }
    const grouped = new Float64Array(n);
    const fill = counts.slice(0, m);
    for (let k = 0; k < n; k++) {
      const j = slots[k] % m;
      grouped[fill[j]++] = ys[k] - (center + trend * (slots[k] - middle));
    }
    const season = new Float64Array(m);
    let mean3 = 0;
    for (let j = 0; j < m; j++) {
      const from = counts[j];
      const to = counts[j + 1];
      season[j] = to > from ? quantile(grouped.subarray(from, to), 0.5) : 0;
      mean3 += season[j];
    }
    mean3 /= m;
    for (let k = 0; k < n; k++) {
      const r = ys[k] - (center + trend * (slots[k] - middle)) - season[slots[k] % m];
      grouped[k] = r < 0 ? -r : r;
    }
    const scale = SD_PER_MEDIAN_ABS * quantile(grouped, 0.5, grouped);
    state[0] = 0;
    state[2] = center - trend * (middle + 1);
    state[3] = trend;
    state[4] = scale;
    state[5] = 0;
    for (let j = 0; j < m; j++) {
      state[STATE_HEADER + j] = season[j] - mean3;
    }
    return state;
  }
  function holtWintersFilter(timestamps, values, exclude, s, state, out) {
    const m = s.season_slots;
    if (!(m >= 1) || state.length !== STATE_HEADER + m) {
      throw new Error(`a state of ${state.length} entries for ${m} season slots`);
    }
    const { alpha, phi, clip, scale_smoothing: lambda, scale_floor: floor, score_from: scoreFrom } = s;
    const trendGain = alpha * s.beta;
    const seasonGain = s.gamma * (1 - alpha);
    const shiftPoints = s.shift_points;
    let next = state[0];
    let lastUpdate = state[1];
    let level = state[2];
    let trend = state[3];
    let scale = state[4];
    let run = state[5];
    let sse = 0;
    let sum2 = 0;
    let count2 = 0;
    let variance = 0;
    let steps = 0;
    let phiPower = 1;
    let phiSum = 0;
    const leave = () => {
      const base = level + phi * trend;
      if (count2 === 0) {
        level = base;
        trend = phi * trend;
        return;
      }
      const e = sum2 / count2;
      const limit = clip * (scale > floor ? scale : floor);
      let clipped = e;
      if (e > limit) {
        clipped = limit;
        run = run > 0 ? run + 1 : 1;
      } else if (e < -limit) {
        clipped = -limit;
        run = run < 0 ? run - 1 : -1;
      } else {
        run = 0;
      }
      let levelStep = alpha * clipped;
      if (run >= shiftPoints || -run >= shiftPoints) {
        levelStep = e;
        run = 0;
      }
      level = base + levelStep;
      trend = phi * trend + trendGain * clipped;
      const j = STATE_HEADER + next % m;
      state[j] = state[j] + seasonGain * clipped;
      const a = e < 0 ? -e : e;
      scale = (1 - lambda) * scale + lambda * SD_PER_MEAN_ABS * (a < limit ? a : limit);
      if (next >= scoreFrom) {
        sse += clipped * clipped;
      }
      lastUpdate = next;
      sum2 = 0;
      count2 = 0;
      variance = 0;
      steps = 0;
      phiPower = 1;
      phiSum = 0;
    };
    const n = timestamps.length;
    for (let i = 0; i < n; i++) {
      const t = timestamps[i];
      let slot = slotOf(t, s.origin, s.step);
      if (slot < next) {
        slot = next;
      }
      while (slot > next) {
        leave();
        next++;
      }
      while (steps < next - lastUpdate - 1) {
        steps++;
        phiPower = phiPower * phi;
        phiSum = phiSum + phiPower;
        const c = alpha + trendGain * phiSum + (m > 1 && steps % m === 0 ? seasonGain : 0);
        variance = variance + c * c;
      }
      const base = level + phi * trend;
      const yhat = base + state[STATE_HEADER + next % m];
      out.yhat[i] = yhat;
      out.level[i] = base;
      out.horizon_variance[i] = variance;
      const v = values[i];
      let usable = !(v !== v || v === Infinity || v === -Infinity);
      for (let e3 = 0; usable && e3 + 1 < exclude.length; e3 += 2) {
        if (t >= exclude[e3] && t <= exclude[e3 + 1]) {
          usable = false;
        }
      }
      if (!usable) {
        out.error[i] = NaN;
        out.weight[i] = 0;
        continue;
      }
      const e = v - yhat;
      out.error[i] = e;
      const limit = clip * (scale > floor ? scale : floor);
      out.weight[i] = e > limit || e < -limit ? 0 : 1;
      sum2 += e;
      count2++;
    }
    if (n > 0) {
      leave();
      next++;
    }
    state[0] = next;
    state[1] = lastUpdate;
    state[2] = level;
    state[3] = trend;
    state[4] = scale;
    state[5] = run;
    return sse;
  }

  // src/model/seededUniform.ts
  function seededUniform(seed) {
    let a = seed >>> 0;
    return () => {
      a = a + 1831565813 >>> 0;
      let t = a;
      t = Math.imul(t ^ t >>> 15, t | 1);
      t ^= t + Math.imul(t ^ t >>> 7, t | 61);
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  // src/model/families/neuralKernels.ts
  var BETA1 = 0.9;
  var BETA2 = 0.999;
  var EPSILON = 1e-8;
  var FINAL_RATE_SHARE = 0.1;
  var NETWORK_LIMITS = { inputs: 64, hidden: 256, steps: 1e5, batch: 1024 };
  function networkSize(inputs, hidden) {
    return hidden * inputs + 2 * hidden + inputs + 1;
  }
  function checkShape(rows, inputs, hidden) {
    if (!(Number.isInteger(inputs) && inputs >= 1 && inputs <= NETWORK_LIMITS.inputs)) {
      throw new Error(`a network takes 1-${NETWORK_LIMITS.inputs} inputs, got ${inputs}`);
    }
    if (!(Number.isInteger(hidden) && hidden >= 1 && hidden <= NETWORK_LIMITS.hidden)) {
      throw new Error(`a network takes 1-${NETWORK_LIMITS.hidden} hidden units, got ${hidden}`);
    }
    if (rows.length % inputs !== 0) {
      throw new Error(`${rows.length} input values are not whole rows of ${inputs}`);
    }
    return rows.length / inputs;
  }
  function forward(weights, inputs, hidden, rows, r, h) {
    const b1 = hidden * inputs;
    const w2 = b1 + hidden;
    const skip = w2 + hidden;
    const b2 = skip + inputs;
    const x = r * inputs;
    let out = weights[b2];
    for (let j = 0; j < hidden; j++) {
      let s = weights[b1 + j];
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) {
        s += weights[row + i] * rows[x + i];
      }
      const a = s / (1 + Math.abs(s));
      h[j] = a;
      out += weights[w2 + j] * a;
    }
    for (let i = 0; i < inputs; i++) {
      out += weights[skip + i] * rows[x + i];
    }
    return out;
  }
  function trainNetwork(rows, targets, settings) {
    const { inputs, hidden, steps, batch, learning_rate: rate } = settings;
    const n = checkShape(rows, inputs, hidden);
    if (n === 0 || targets.length !== n) {
      throw new Error(
        `a network trains on at least one row with one target each, got ${n} rows and ${targets.length} targets`
      );
    }
    if (!(Number.isInteger(steps) && steps >= 1 && steps <= NETWORK_LIMITS.steps)) {
      throw new Error(`a network trains for 1-${NETWORK_LIMITS.steps} steps, got ${steps}`);
    }
    if (!(Number.isInteger(batch) && batch >= 1 && batch <= NETWORK_LIMITS.batch)) {
      throw new Error(`a network trains on 1-${NETWORK_LIMITS.batch} rows per step, got ${batch}`);
    }
    if (!(Number.isFinite(rate) && rate > 0)) {
      throw new Error(`a network's learning rate must be a positive number, got ${rate}`);
    }
    const size = networkSize(inputs, hidden);
    const weights = new Float64Array(size);
    const next = seededUniform(settings.seed);
    const limit = Math.sqrt(6 / (inputs + hidden));
    for (let k = 0; k < hidden * inputs; k++) {
      weights[k] = (2 * next() - 1) * limit;
    }
    const b1 = hidden * inputs;
    const w2 = b1 + hidden;
    const skip = w2 + hidden;
    const b2 = skip + inputs;
    const grad = new Float64Array(size);
    const m = new Float64Array(size);
    const v = new Float64Array(size);
    const h = new Float64Array(hidden);
    let power1 = 1;
    let power2 = 1;
    for (let step2 = 1; step2 <= steps; step2++) {
      grad.fill(0);
      for (let b = 0; b < batch; b++) {
        const r = Math.floor(next() * n);
        const err = forward(weights, inputs, hidden, rows, r, h) - targets[r];
        const d = (err > 0 ? 1 : err < 0 ? -1 : 0) / batch;
        const x = r * inputs;
        grad[b2] += d;
        for (let i = 0; i < inputs; i++) {
          grad[skip + i] += d * rows[x + i];
        }
        for (let j = 0; j < hidden; j++) {
          grad[w2 + j] += d * h[j];
          const slope = 1 - Math.abs(h[j]);
          const dz = d * weights[w2 + j] * (slope * slope);
          grad[b1 + j] += dz;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) {
            grad[row + i] += dz * rows[x + i];
          }
        }
      }
      power1 *= BETA1;
      power2 *= BETA2;
      const c1 = 1 - power1;
      const c2 = 1 - power2;
      const lr = rate * (1 - (1 - FINAL_RATE_SHARE) * (step2 - 1) / steps);
      for (let k = 0; k < size; k++) {
        m[k] = BETA1 * m[k] + (1 - BETA1) * grad[k];
        v[k] = BETA2 * v[k] + (1 - BETA2) * grad[k] * grad[k];
        weights[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPSILON);
      }
    }
    return weights;
  }
  function networkOutputs(weights, rows, inputs, hidden) {
    const n = checkShape(rows, inputs, hidden);
    if (weights.length !== networkSize(inputs, hidden)) {
      throw new Error(`${weights.length} weights do not make a network of ${inputs} inputs and ${hidden} hidden units`);
    }
    const out = new Float64Array(n);
    const h = new Float64Array(hidden);
    for (let r = 0; r < n; r++) {
      out[r] = forward(weights, inputs, hidden, rows, r, h);
    }
    return out;
  }

  // src/model/pointKernels.ts
  function hampelWeight(z, knees) {
    const a = Math.abs(z);
    if (a <= knees.a) {
      return 1;
    }
    if (a <= knees.b) {
      return knees.a / a;
    }
    if (a <= knees.c) {
      return knees.a / a * (knees.c - a) / (knees.c - knees.b);
    }
    return 0;
  }
  function madSigma(values, consistency) {
    const n = values.length;
    if (n === 0) {
      return 0;
    }
    const work = values.slice();
    const m = quantile(values, 0.5, work);
    for (let i = 0; i < n; i++) {
      const d = values[i] - m;
      work[i] = d < 0 ? -d : d;
    }
    return consistency * quantile(work, 0.5, work);
  }
  function updateResiduals(ys, fitted, residuals) {
    let change = 0;
    for (let i = 0; i < residuals.length; i++) {
      const r = ys[i] - fitted[i];
      const d = r - residuals[i];
      const a = d < 0 ? -d : d;
      if (a > change) {
        change = a;
      }
      residuals[i] = r;
    }
    return change;
  }
  function hampelWeights(residuals, scale, weights, deficit, knees) {
    let below = 0;
    for (let i = 0; i < residuals.length; i++) {
      const w = hampelWeight(residuals[i] / scale, knees);
      weights[i] = w;
      deficit[i] = 1 - w;
      if (w < 1) {
        below++;
      }
    }
    return below;
  }
  function scaled(values, factor, abs, keep) {
    const n = values.length;
    let m = n;
    if (keep !== null) {
      m = 0;
      for (let i = 0; i < n; i++) {
        if (keep[i] > 0) {
          m++;
        }
      }
    }
    const out = new Float64Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (keep !== null && !(keep[i] > 0)) {
        continue;
      }
      const v = values[i] * factor;
      out[k++] = abs && v < 0 ? -v : v;
    }
    return out;
  }
  function addScaled(target, values, factor) {
    for (let i = 0; i < target.length; i++) {
      target[i] += factor * values[i];
    }
  }
  function differences(values, sort, positiveOnly) {
    const v = sort ? values.slice().sort() : values;
    const out = new Float64Array(Math.max(0, v.length - 1));
    let k = 0;
    for (let i = 1; i < v.length; i++) {
      const d = v[i] - v[i - 1];
      if (!positiveOnly || d > 0) {
        out[k++] = d;
      }
    }
    return k === out.length ? out : out.slice(0, k);
  }
  function firstNonFinite(values) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v || v === Infinity || v === -Infinity) {
        return i;
      }
    }
    return -1;
  }
  function trainingRows(timestamps, values, exclude, outTimes, outValues) {
    const keep = [];
    for (let i = 0; i < timestamps.length; i++) {
      const v = values[i];
      if (v !== v || v === Infinity || v === -Infinity) {
        continue;
      }
      const t = timestamps[i];
      let excluded = false;
      for (let e = 0; e + 1 < exclude.length; e += 2) {
        if (t >= exclude[e] && t <= exclude[e + 1]) {
          excluded = true;
          break;
        }
      }
      if (!excluded) {
        keep.push(i);
      }
    }
    let sorted = true;
    for (let k = 1; k < keep.length; k++) {
      if (timestamps[keep[k]] < timestamps[keep[k - 1]]) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      keep.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
    }
    for (let k = 0; k < keep.length; k++) {
      outTimes[k] = timestamps[keep[k]];
      outValues[k] = values[keep[k]];
    }
    return keep.length;
  }
  function lagCorrelation(timestamps, residuals, weights, pairing) {
    const lagMs = pairing.lag_ms;
    const toleranceMs = pairing.tolerance_ms;
    const n = timestamps.length;
    let cross = 0;
    let square = 0;
    let pairs2 = 0;
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0) {
        continue;
      }
      const want = timestamps[i] + lagMs;
      if (j <= i) {
        j = i + 1;
      }
      while (j < n && timestamps[j] < want - toleranceMs) {
        j++;
      }
      if (j < n && timestamps[j] <= want + toleranceMs && weights[j] > 0) {
        cross += residuals[i] * residuals[j];
        square += residuals[i] * residuals[i];
        pairs2++;
      }
    }
    return pairs2 >= pairing.min_pairs && square > 0 ? cross / square : NaN;
  }
  function seasonalRemainder(timestamps, residuals, weights, carry) {
    const periodMs = carry.period_ms;
    const toleranceMs = carry.tolerance_ms;
    const rho = carry.rho;
    const n = timestamps.length;
    const out = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < n; i++) {
      const want = timestamps[i] - periodMs;
      while (j < i && timestamps[j] < want - toleranceMs) {
        j++;
      }
      const ago = j < i && timestamps[j] <= want + toleranceMs && weights[j] > 0 ? residuals[j] : 0;
      out[i] = residuals[i] - rho * ago;
    }
    return out;
  }
  function judge(yhat, values, extraVariance, band, out) {
    const bandBelow = band.band_below;
    const bandAbove = band.band_above;
    const outBelow = band.outlier_below;
    const outAbove = band.outlier_above;
    const scaleBelow = band.scale_below;
    const scaleAbove = band.scale_above;
    const zz = band.z * band.z;
    const oz = band.outlier_z * band.outlier_z;
    const scoreHalf = band.score_half;
    const floor = band.floor;
    const { lower, upper, outlier, score } = out;
    const expected = out.yhat;
    for (let i = 0; i < yhat.length; i++) {
      const extra = extraVariance === null ? 0 : extraVariance[i];
      const y = yhat[i] < floor ? floor : yhat[i];
      expected[i] = y;
      const lo = y - Math.sqrt(bandBelow * bandBelow + zz * extra);
      const hi = y + Math.sqrt(bandAbove * bandAbove + zz * extra);
      lower[i] = lo < floor ? floor : lo;
      upper[i] = hi < floor ? floor : hi;
      const value = values === null ? NaN : values[i];
      if (value !== value || value === Infinity || value === -Infinity) {
        outlier[i] = 0;
        score[i] = 0;
        continue;
      }
      const r = value - y;
      const scale = r >= 0 ? Math.sqrt(scaleAbove * scaleAbove + extra) : Math.sqrt(scaleBelow * scaleBelow + extra);
      const d = (r < 0 ? -r : r) / scale;
      outlier[i] = r > Math.sqrt(outAbove * outAbove + oz * extra) ? 1 : -r > Math.sqrt(outBelow * outBelow + oz * extra) ? -1 : 0;
      score[i] = d / (d + scoreHalf);
    }
  }
  function binnedSums(timestamps, values, weights, originMs, binMs, bins) {
    const count2 = binMs > 0 && bins > 0 ? bins : 0;
    const out = new Float64Array(2 * count2);
    for (let i = 0; i < timestamps.length; i++) {
      const w = weights[i];
      if (!(w > 0)) {
        continue;
      }
      const b = Math.floor((timestamps[i] - originMs) / binMs);
      if (b >= 0 && b < count2) {
        out[b] += w * values[i];
        out[count2 + b] += w;
      }
    }
    return out;
  }

  // src/model/stuckRuns.ts
  var MIN_STUCK_RUN = 12;
  var MAX_REPEAT_SHARE = 0.01;
  var MIN_PAIRS = 200;
  function equalRuns(values, minRun) {
    const n = values.length;
    const out = [0];
    let repeats = 0;
    let runStart = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && values[i] === values[i - 1]) {
        repeats++;
        continue;
      }
      if (i - runStart >= minRun) {
        out.push(runStart, i);
      }
      runStart = i;
    }
    out[0] = repeats;
    return Float64Array.from(out);
  }
  function dropStuckRuns(train, kernels) {
    var _a;
    const { timestamps, values } = train;
    const n = values.length;
    const scanned = kernels.equalRuns(values, MIN_STUCK_RUN);
    const repeats = scanned[0];
    const runs = [];
    for (let k = 1; k + 1 < scanned.length; k += 2) {
      runs.push([scanned[k], scanned[k + 1]]);
    }
    const unchanged = { timestamps, values, stuck: 0, endsStuck: false };
    const longRunPairs = runs.reduce((sum2, [from, to]) => sum2 + to - from - 1, 0);
    const pairsOutside = n - 1 - longRunPairs;
    if (runs.length === 0 || pairsOutside < MIN_PAIRS || repeats - longRunPairs > MAX_REPEAT_SHARE * pairsOutside || longRunPairs > pairsOutside) {
      return unchanged;
    }
    const runsAt = /* @__PURE__ */ new Map();
    for (const [from] of runs) {
      runsAt.set(values[from], ((_a = runsAt.get(values[from])) != null ? _a : 0) + 1);
    }
    const stuck = runs.filter(([from]) => runsAt.get(values[from]) === 1);
    const endsStuck = stuck.length > 0 && stuck[stuck.length - 1][1] === n;
    const ended = endsStuck ? stuck.slice(0, -1) : stuck;
    if (ended.length === 0) {
      return { ...unchanged, endsStuck };
    }
    const dropped = ended.reduce((sum2, [from, to]) => sum2 + to - from - 1, 0);
    const outTimes = new Float64Array(n - dropped);
    const outValues = new Float64Array(n - dropped);
    let j = 0;
    let next = 0;
    for (let i = 0; i < n; i++) {
      if (next < ended.length && i > ended[next][0] && i < ended[next][1]) {
        continue;
      }
      if (next < ended.length && i >= ended[next][1]) {
        next++;
      }
      outTimes[j] = timestamps[i];
      outValues[j++] = values[i];
    }
    return { timestamps: outTimes, values: outValues, stuck: dropped, endsStuck };
  }

  // src/model/sustainedKernels.ts
  function rollingMedians(values, k) {
    const n = values.length;
    const out = new Float64Array(n).fill(NaN);
    if (!(Number.isInteger(k) && k >= 1) || k > 2 * n) {
      return out;
    }
    const need = Math.ceil(k / 2);
    const sorted = new Float64Array(Math.min(k, n + 1));
    let count2 = 0;
    for (let i = 0; i < n; i++) {
      const leaving = i - k >= 0 ? values[i - k] : NaN;
      if (Number.isFinite(leaving)) {
        let at2 = 0;
        while (sorted[at2] !== leaving) {
          at2++;
        }
        for (; at2 < count2 - 1; at2++) {
          sorted[at2] = sorted[at2 + 1];
        }
        count2--;
      }
      const x = values[i];
      if (Number.isFinite(x)) {
        insertSorted(sorted, count2, x);
        count2++;
      }
      if (count2 >= need) {
        out[i] = (sorted[count2 - 1 >> 1] + sorted[count2 >> 1]) / 2;
      }
    }
    return out;
  }
  function raiseSustained(values, yhat, score, skip, k, scaleBelow, scaleAbove, half) {
    const n = values.length;
    if (!(Number.isInteger(k) && k >= 1) || !(scaleBelow > 0) || !(scaleAbove > 0)) {
      return;
    }
    const residuals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      residuals[i] = skip !== null && skip[i] !== 0 ? NaN : values[i] - yhat[i];
    }
    const medians = rollingMedians(residuals, k);
    const deviation = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = medians[i];
      deviation[i] = m !== m ? 0 : m < 0 ? -m / scaleBelow : m / scaleAbove;
    }
    for (let i = 0; i < n; i++) {
      const d = deviation[i];
      const r = residuals[i];
      if (!(d > 0) || r !== r || r === Infinity || r === -Infinity) {
        continue;
      }
      let before = 0;
      for (let j = i - k < 0 ? 0 : i - k; j < i; j++) {
        if (deviation[j] > before) {
          before = deviation[j];
        }
      }
      if (d > before) {
        const s = d === Infinity ? 1 : d / (d + half);
        if (s > score[i]) {
          score[i] = s;
        }
      }
    }
  }

  // src/model/kernels.ts
  var TWO_PI = 2 * Math.PI;
  var WEEK_MS = 7 * 864e5;
  function layoutWidth(layout) {
    let p = layout.linear ? 2 + layout.changepoints_t.length : 1;
    for (const f of layout.fourier) {
      p += 2 * f.order + (f.level === true ? 1 : 0);
    }
    return p + layout.indicators.length;
  }
  function designMatrix(timestamps, layout, multiplicative) {
    const n = timestamps.length;
    const p = layoutWidth(layout);
    const X = new Float64Array(n * p);
    const cps = Float64Array.from(layout.changepoints_t);
    const nCps = cps.length;
    const nFourier = layout.fourier.length;
    const periods = Float64Array.from(layout.fourier, (f) => f.period_ms);
    const orders = Int32Array.from(layout.fourier, (f) => f.order);
    const conditions = layout.fourier.map((f) => {
      var _a;
      return (_a = f.active) != null ? _a : null;
    });
    const levels = layout.fourier.map((f) => f.level === true);
    const flipCursors = new Int32Array(nFourier);
    const linear = layout.linear;
    const t0 = layout.t0;
    const tScale = layout.t_scale;
    const nIndicators = layout.indicators.length;
    const cursors = new Int32Array(nIndicators);
    let previous = -Infinity;
    for (let i = 0; i < n; i++) {
      const ms = timestamps[i];
      const row = i * p;
      if (ms < previous) {
        cursors.fill(0);
        flipCursors.fill(0);
      }
      previous = ms;
      let c = 0;
      X[row + c++] = 1;
      if (linear) {
        const t = (ms - t0) / tScale;
        X[row + c++] = t;
        for (let j = 0; j < nCps; j++) {
          const d = t - cps[j];
          X[row + c++] = d > 0 ? d : 0;
        }
      }
      for (let f = 0; f < nFourier; f++) {
        const order = orders[f];
        const condition = conditions[f];
        if (condition !== null) {
          let k = flipCursors[f];
          const flip = condition.flip;
          while (k < flip.length && flip[k + 1] <= ms) {
            k += 2;
          }
          flipCursors[f] = k;
          let w = (ms + condition.week_offset_ms) % WEEK_MS;
          if (w < 0) {
            w += WEEK_MS;
          }
          const week = condition.week;
          let inWeek = false;
          for (let j = 0; j < week.length; j += 2) {
            if (week[j] <= w && w < week[j + 1]) {
              inWeek = true;
              break;
            }
          }
          if (inWeek === (k < flip.length && flip[k] <= ms)) {
            c += 2 * order + (levels[f] ? 1 : 0);
            continue;
          }
          if (levels[f]) {
            X[row + c++] = 1;
          }
        }
        const period = periods[f];
        let r = ms % period;
        if (r < 0) {
          r += period;
        }
        const angle = TWO_PI * r / period;
        const s1 = Math.sin(angle);
        const c1 = Math.cos(angle);
        let sk = s1;
        let ck = c1;
        for (let k = 1; k <= order; k++) {
          X[row + c++] = sk;
          X[row + c++] = ck;
          const nextS = sk * c1 + ck * s1;
          ck = ck * c1 - sk * s1;
          sk = nextS;
        }
      }
      for (let h = 0; h < nIndicators; h++) {
        const iv = layout.indicators[h].intervals;
        let k = cursors[h];
        while (k < iv.length && iv[k + 1] <= ms) {
          k += 2;
        }
        cursors[h] = k;
        X[row + c++] = k < iv.length && iv[k] <= ms ? 1 : 0;
      }
    }
    if (multiplicative) {
      const cols = multiplicative.columns;
      const scale = multiplicative.row_scale;
      for (let i = 0; i < n; i++) {
        const row = i * p;
        const s = scale[i];
        for (let j = 0; j < cols.length; j++) {
          X[row + cols[j]] *= s;
        }
      }
    }
    return X;
  }
  function weightedGram(X, n, p, y, w) {
    const gram = new Float64Array(p * p);
    const xty = new Float64Array(p);
    const rows = [];
    for (let i = 0; i < n; i++) {
      if (w === null || w[i] !== 0) {
        rows.push(i);
      }
    }
    const m = rows.length;
    let k = 0;
    for (; k + 3 < m; k += 4) {
      const i0 = rows[k];
      const i1 = rows[k + 1];
      const i2 = rows[k + 2];
      const i3 = rows[k + 3];
      const r0 = i0 * p;
      const r1 = i1 * p;
      const r2 = i2 * p;
      const r3 = i3 * p;
      const w0 = w === null ? 1 : w[i0];
      const w1 = w === null ? 1 : w[i1];
      const w2 = w === null ? 1 : w[i2];
      const w3 = w === null ? 1 : w[i3];
      for (let a = 0; a < p; a++) {
        const x0 = w0 * X[r0 + a];
        const x1 = w1 * X[r1 + a];
        const x2 = w2 * X[r2 + a];
        const x3 = w3 * X[r3 + a];
        if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) {
          continue;
        }
        xty[a] += x0 * y[i0] + x1 * y[i1] + x2 * y[i2] + x3 * y[i3];
        const base = a * p;
        for (let b = a; b < p; b++) {
          gram[base + b] += x0 * X[r0 + b] + x1 * X[r1 + b] + x2 * X[r2 + b] + x3 * X[r3 + b];
        }
      }
    }
    for (; k < m; k++) {
      const i = rows[k];
      const row = i * p;
      const wi = w === null ? 1 : w[i];
      for (let a = 0; a < p; a++) {
        const xa = wi * X[row + a];
        if (xa === 0) {
          continue;
        }
        xty[a] += xa * y[i];
        const base = a * p;
        for (let b = a; b < p; b++) {
          gram[base + b] += xa * X[row + b];
        }
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = a + 1; b < p; b++) {
        gram[b * p + a] = gram[a * p + b];
      }
    }
    return { gram, xty };
  }
  function solveSpd(A, b, p) {
    let maxDiag = 0;
    for (let i = 0; i < p; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(A[i * p + i]));
    }
    let jitter = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      const L = choleskyFactor(A, p, jitter);
      if (L) {
        return choleskySubstitute(L, b, p);
      }
      jitter = jitter === 0 ? Math.max(maxDiag, 1) * 1e-12 : jitter * 100;
    }
    throw new Error("normal equations are not positive definite");
  }
  function choleskyFactor(A, p, jitter) {
    const L = new Float64Array(p * p);
    for (let j = 0; j < p; j++) {
      let d = A[j * p + j] + jitter;
      for (let k = 0; k < j; k++) {
        d -= L[j * p + k] * L[j * p + k];
      }
      if (!(d > 0)) {
        return null;
      }
      const ljj = Math.sqrt(d);
      L[j * p + j] = ljj;
      for (let i = j + 1; i < p; i++) {
        let s = A[i * p + j];
        for (let k = 0; k < j; k++) {
          s -= L[i * p + k] * L[j * p + k];
        }
        L[i * p + j] = s / ljj;
      }
    }
    return L;
  }
  function choleskySubstitute(L, b, p) {
    const z = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) {
        s -= L[i * p + k] * z[k];
      }
      z[i] = s / L[i * p + i];
    }
    const x = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < p; k++) {
        s -= L[k * p + i] * x[k];
      }
      x[i] = s / L[i * p + i];
    }
    return x;
  }
  function solveColumns(gram, width, columns, ridge, diagonalFloor) {
    const k = columns.length;
    if (!(width >= 1) || gram.length < width * width) {
      throw new Error(`solveColumns: a Gram matrix of ${gram.length} values cannot be ${width} \xD7 ${width}`);
    }
    if (k > width) {
      throw new Error(`solveColumns: ${k} columns of a ${width}-column Gram matrix`);
    }
    for (let a = 0; a < k; a++) {
      if (!(columns[a] >= 0 && columns[a] < width)) {
        throw new Error(`solveColumns: column ${columns[a]} is outside 0..${width - 1}`);
      }
    }
    const target = width - 1;
    const total = gram[target * width + target];
    const out = new Float64Array(k + 1);
    if (k === 0) {
      out[0] = total;
      return out;
    }
    const A = new Float64Array(k * k);
    const b = new Float64Array(k);
    let trace = 0;
    for (let a = 0; a < k; a++) {
      const row = columns[a] * width;
      b[a] = gram[row + target];
      for (let c = 0; c < k; c++) {
        A[a * k + c] = gram[row + columns[c]];
      }
      trace += A[a * k + a];
    }
    const added = ridge * Math.max(trace / k, diagonalFloor);
    for (let a = 0; a < k; a++) {
      A[a * k + a] += added;
    }
    const beta = solveSpd(A, b, k);
    let explained = 0;
    for (let a = 0; a < k; a++) {
      explained += beta[a] * b[a];
    }
    out.set(beta);
    out[k] = total - explained;
    return out;
  }
  function multiply(X, n, p, beta, from = 0, to = p) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let s = 0;
      for (let j = from; j < to; j++) {
        s += X[row + j] * beta[j];
      }
      out[i] = s;
    }
    return out;
  }
  var typescriptKernels = {
    designMatrix,
    weightedGram,
    solveSpd,
    solveColumns,
    multiply,
    quantile: (values, q) => quantile(values, q),
    quantiles,
    madSigma,
    updateResiduals,
    hampelWeights,
    scaled,
    addScaled,
    differences,
    firstNonFinite,
    trainingRows,
    lagCorrelation,
    seasonalRemainder,
    judge,
    rollingMedians,
    raiseSustained,
    equalRuns,
    slotSummaries,
    combineVerdicts,
    gridSeries,
    gridLookup,
    lagDesign,
    arRecursion,
    arPsiVariance,
    binnedSums,
    dayKindDifference,
    holtWintersStart,
    holtWintersFilter,
    trainNetwork,
    networkOutputs,
    encodeFloat64s,
    decodeFloat64s,
    expandRuns,
    collapseRuns,
    coarsestBinaryStep,
    encodeValueSteps,
    decodeValueSteps
  };

  // src/model/limits.ts
  var MODEL_LIMITS = Object.freeze({
    /** Columns of the design matrix: trend, changepoints, Fourier pairs and holiday days together. */
    designWidth: 200,
    /**
     * Points × columns of one design matrix (2²⁶ doubles, 512 MiB): a default-width model still takes the
     * model's full million points, a 200-column one about a third of them.
     */
    designValues: 2 ** 26,
    /** Custom seasonalities (`seasonalities`). */
    customSeasonalities: 10,
    /** Fourier order of any seasonality, built-in or custom. */
    fourierOrder: 100,
    /** `n_changepoints`, and the length of an explicit `changepoints` list. */
    changepoints: 100,
    /** Custom holidays (`holidays`). */
    customHolidays: 100,
    /** Dates of one custom holiday. */
    holidayDates: 1e3,
    /** Days a holiday window reaches on either side (`lower_window`, `holidays_lower_window`, ...). */
    holidayWindowDays: 14,
    /** Custom conditions (`conditions`) for conditional seasonalities. */
    conditions: 10,
    /** Time ranges of one custom condition. */
    conditionRanges: 1e3,
    /**
     * Ranges in `exclude` and in `false_alarms` each: every refit of an online run reads all of them (100,000
     * labels made a 2,880-row run take 30 times as long); the backend reads at most 5,000 annotations a query.
     */
    ranges: 1e4
  });
  function checkDesignWidth(parts, what) {
    const width = parts.trend + parts.seasonalities + parts.holidays;
    if (width > MODEL_LIMITS.designWidth) {
      throw new ModelSettingsError(
        `${what} ${width} columns (trend ${parts.trend}, seasonalities ${parts.seasonalities}, holidays ${parts.holidays}); the limit is ${MODEL_LIMITS.designWidth}: lower the Fourier orders or use fewer seasonalities, changepoints, holidays or holiday window days`
      );
    }
  }
  function checkDesignValues(points, width) {
    if (points * width > MODEL_LIMITS.designValues) {
      throw new ModelSettingsError(
        `${points} points \xD7 ${width} columns is more than the ${MODEL_LIMITS.designValues} design values one model takes (512 MiB); use fewer points (a coarser step) or a narrower model`
      );
    }
  }

  // src/model/conditions.ts
  var DAY_MS = 864e5;
  var MINUTE_MS = 6e4;
  var BUILT_IN_CONDITIONS = ["weekday", "weekend"];
  var WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  var WORK_WEEK = [0, 5 * DAY_MS];
  var OFF_WEEK = [5 * DAY_MS, 7 * DAY_MS];
  function calendarYears(first, last, tzOffsetMinutes) {
    const year = (ms) => new Date(ms + tzOffsetMinutes * MINUTE_MS).getUTCFullYear();
    return { from: year(first) - 1, to: year(last) + 2 };
  }
  function countryCalendar(country, first, last, tzOffsetMinutes) {
    const years = calendarYears(first, last, tzOffsetMinutes);
    try {
      const range = countryYearRange(country);
      const from = Math.max(years.from, range.fromYear);
      const to = Math.min(years.to, range.toYear);
      return from <= to ? countryHolidays(country, from, to) : [];
    } catch (e) {
      throw new ModelInputError(e instanceof Error ? e.message : String(e));
    }
  }
  function holidaysOnWorkDays(params, first, last) {
    const days2 = /* @__PURE__ */ new Set();
    for (const country of params.country_holidays) {
      for (const h of countryCalendar(country, first, last, params.holidays_tz_offset_minutes)) {
        const day = parseDay(h.date);
        const dow = day === void 0 ? 0 : weekday(day);
        if (day !== void 0 && dow >= 1 && dow <= 5) {
          days2.add(day);
        }
      }
    }
    return [...days2].sort((a, b) => a - b);
  }
  function dayIntervals(days2, tzOffsetMinutes) {
    const out = [];
    for (const day of days2) {
      const start = day * DAY_MS - tzOffsetMinutes * MINUTE_MS;
      if (out.length > 0 && out[out.length - 1] === start) {
        out[out.length - 1] = start + DAY_MS;
      } else {
        out.push(start, start + DAY_MS);
      }
    }
    return out;
  }
  function mergedRanges(ranges) {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const [start, end] of sorted) {
      if (out.length > 0 && start <= out[out.length - 1]) {
        out[out.length - 1] = Math.max(out[out.length - 1], end);
      } else {
        out.push(start, end);
      }
    }
    return out;
  }
  function weekdayRanges(names) {
    return mergedRanges(
      names.map((name) => {
        const start = WEEKDAY_NAMES.indexOf(name) * DAY_MS;
        return [start, start + DAY_MS];
      })
    );
  }
  function activeCondition(name, params, first, last) {
    var _a;
    const tz = params.holidays_tz_offset_minutes;
    const weekOffset = tz * MINUTE_MS - 4 * DAY_MS;
    if (name === "weekday" || name === "weekend") {
      return {
        week_offset_ms: weekOffset,
        week: name === "weekday" ? WORK_WEEK : OFF_WEEK,
        flip: dayIntervals(holidaysOnWorkDays(params, first, last), tz)
      };
    }
    const custom = params.conditions.find((c) => c.name === name);
    if (custom === void 0) {
      throw new ModelInputError(`condition_name "${name}" is not a condition (weekday, weekend or one of conditions)`);
    }
    if (custom.weekdays !== void 0) {
      return { week_offset_ms: weekOffset, week: weekdayRanges(custom.weekdays), flip: [] };
    }
    return { week_offset_ms: 0, week: [], flip: mergedRanges((_a = custom.ranges) != null ? _a : []) };
  }
  function conditionHolds(condition, ms) {
    let phase = (ms + condition.week_offset_ms) % WEEK_MS;
    if (phase < 0) {
      phase += WEEK_MS;
    }
    let inWeek = false;
    for (let j = 0; j < condition.week.length; j += 2) {
      inWeek = inWeek || condition.week[j] <= phase && phase < condition.week[j + 1];
    }
    let inFlip = false;
    for (let j = 0; j < condition.flip.length; j += 2) {
      inFlip = inFlip || condition.flip[j] <= ms && ms < condition.flip[j + 1];
    }
    return inWeek !== inFlip;
  }
  function checkCondition(c, names) {
    if (!c || typeof c.name !== "string" || c.name === "") {
      throw new ModelInputError("every condition needs a name");
    }
    if (BUILT_IN_CONDITIONS.includes(c.name) || names.has(c.name)) {
      throw new ModelInputError(`condition "${c.name}" is defined twice (weekday and weekend are built in)`);
    }
    names.add(c.name);
    if (c.weekdays === void 0 === (c.ranges === void 0)) {
      throw new ModelInputError(`condition "${c.name}" needs exactly one of weekdays and ranges`);
    }
    if (c.weekdays !== void 0) {
      if (!Array.isArray(c.weekdays) || c.weekdays.length === 0 || c.weekdays.length > WEEKDAY_NAMES.length) {
        throw new ModelInputError(`condition "${c.name}" weekdays must list 1 to 7 days, e.g. ["sat", "sun"]`);
      }
      for (const d of c.weekdays) {
        if (!WEEKDAY_NAMES.includes(d)) {
          throw new ModelInputError(
            `condition "${c.name}" weekday ${JSON.stringify(d)} is not one of ${WEEKDAY_NAMES.join(", ")}`
          );
        }
      }
      return;
    }
    if (!Array.isArray(c.ranges)) {
      throw new ModelInputError(`condition "${c.name}" ranges must be a list of [start_ms, end_ms] pairs`);
    }
    if (c.ranges.length > MODEL_LIMITS.conditionRanges) {
      throw new ModelInputError(
        `condition "${c.name}" ranges has ${c.ranges.length} entries; the limit is ${MODEL_LIMITS.conditionRanges}`
      );
    }
    for (const r of c.ranges) {
      if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[1] > r[0])) {
        throw new ModelInputError(
          `condition "${c.name}" ranges must be [start_ms, end_ms] pairs of numbers with end after start, got ${JSON.stringify(r)}`
        );
      }
    }
  }
  function checkConditions(params) {
    const byDayKind = params.daily_seasonality_by_day_kind;
    if (byDayKind !== "auto" && typeof byDayKind !== "boolean") {
      throw new ModelInputError(
        `daily_seasonality_by_day_kind must be "auto", true or false, got ${JSON.stringify(byDayKind)}`
      );
    }
    if (!Array.isArray(params.conditions)) {
      throw new ModelInputError("conditions must be a list");
    }
    if (params.conditions.length > MODEL_LIMITS.conditions) {
      throw new ModelInputError(
        `conditions has ${params.conditions.length} entries; the limit is ${MODEL_LIMITS.conditions}`
      );
    }
    const names = /* @__PURE__ */ new Set();
    for (const c of params.conditions) {
      checkCondition(c, names);
    }
    for (const s of params.seasonalities) {
      const name = s.condition_name;
      if (name !== void 0 && !BUILT_IN_CONDITIONS.includes(name) && !names.has(name)) {
        throw new ModelInputError(
          `seasonality "${s.name}" condition_name ${JSON.stringify(name)} is not weekday, weekend or one of conditions`
        );
      }
    }
  }

  // src/model/dayKinds.ts
  var DAY_MS2 = 864e5;
  var MINUTE_MS2 = 6e4;
  var MAX_BINS_PER_DAY = 24;
  var MIN_BINS_PER_DAY = 8;
  var RECENT_DAYS = 56;
  var MIN_DAYS_OF_EACH_KIND = 2;
  var SIGNIFICANCE = 2;
  var MIN_EFFECT = 0.15;
  function dayKindEvidence(kernels, timestamps, residuals, weights, sigma, params, spacing) {
    const binsPerDay = Math.min(MAX_BINS_PER_DAY, Math.floor(DAY_MS2 / spacing));
    const n = timestamps.length;
    if (!(binsPerDay >= MIN_BINS_PER_DAY) || n === 0) {
      return null;
    }
    const tzMs = params.holidays_tz_offset_minutes * MINUTE_MS2;
    const last = timestamps[n - 1];
    const firstDay = Math.floor((Math.max(timestamps[0], last - RECENT_DAYS * DAY_MS2) + tzMs) / DAY_MS2);
    const days2 = Math.floor((last + tzMs) / DAY_MS2) - firstDay + 1;
    const origin = firstDay * DAY_MS2 - tzMs;
    const sums = kernels.binnedSums(timestamps, residuals, weights, origin, DAY_MS2 / binsPerDay, days2 * binsPerDay);
    const offDay = activeCondition("weekend", params, timestamps[0], last);
    const off = new Int8Array(days2);
    for (let d = 0; d < days2; d++) {
      off[d] = conditionHolds(offDay, origin + d * DAY_MS2 + DAY_MS2 / 2) ? 1 : 0;
    }
    const seen = kernels.dayKindDifference(sums, binsPerDay, days2, off, SIGNIFICANCE, MIN_EFFECT * sigma);
    const workDays = seen[DAY_KIND_WORK_DAYS];
    const offDays = seen[DAY_KIND_OFF_DAYS];
    if (workDays < MIN_DAYS_OF_EACH_KIND || offDays < MIN_DAYS_OF_EACH_KIND) {
      return null;
    }
    const difference = seen[DAY_KIND_DIFFERENCE];
    const bar = seen[DAY_KIND_BAR];
    return { workDays, offDays, difference, bar, split: difference > bar };
  }

  // src/model/features.ts
  var DAY_MS3 = 864e5;
  function placeChangepoints(timestamps, params) {
    if (params.growth === "flat") {
      return [];
    }
    const first = timestamps[0];
    const last = timestamps[timestamps.length - 1];
    if (params.changepoints !== void 0) {
      return params.changepoints.filter((c) => c > first && c < last).sort((a, b) => a - b);
    }
    const n = timestamps.length;
    const histSize = Math.floor(n * params.changepoint_range);
    const count2 = Math.min(params.n_changepoints, Math.max(0, histSize - 1));
    const out = [];
    for (let j = 1; j <= count2; j++) {
      const index = Math.round((histSize - 1) * j / count2);
      const c = timestamps[index];
      if (c > first && (out.length === 0 || c > out[out.length - 1])) {
        out.push(c);
      }
    }
    return out;
  }
  function smallestSpacing(timestamps) {
    let min = Infinity;
    for (let i = 1; i < timestamps.length; i++) {
      const d = timestamps[i] - timestamps[i - 1];
      if (d > 0 && d < min) {
        min = d;
      }
    }
    return min;
  }
  function resolveOrder(setting, autoOn, defaultOrder) {
    if (setting === "auto") {
      return autoOn ? defaultOrder : 0;
    }
    if (setting === true) {
      return defaultOrder;
    }
    if (setting === false) {
      return 0;
    }
    return setting;
  }
  var DAY_KIND_SEASONALITIES = [
    { name: "daily_weekday", condition: "weekday", level: false },
    { name: "daily_weekend", condition: "weekend", level: true }
  ];
  function dailyIsBuiltIn(params) {
    return !params.seasonalities.some((s) => s.name === "daily");
  }
  var BUILT_IN_SEASONALITIES = [
    { name: "yearly", days: 365.25, order: 10 },
    { name: "weekly", days: 7, order: 3 },
    { name: "daily", days: 1, order: 4 }
  ];
  function widestDesign(params) {
    var _a, _b, _c, _d, _e;
    const trend = params.growth === "linear" ? 2 + ((_b = (_a = params.changepoints) == null ? void 0 : _a.length) != null ? _b : params.n_changepoints) : 1;
    const orders = /* @__PURE__ */ new Map();
    let levels = 0;
    for (const { name, order } of BUILT_IN_SEASONALITIES) {
      orders.set(name, resolveOrder(params[`${name}_seasonality`], true, order));
    }
    for (const s of params.seasonalities) {
      orders.set(s.name, s.fourier_order);
    }
    if (params.daily_seasonality_by_day_kind === true && dailyIsBuiltIn(params)) {
      orders.set(DAY_KIND_SEASONALITIES[1].name, (_c = orders.get("daily")) != null ? _c : 0);
      levels += 1;
    }
    const windows = /* @__PURE__ */ new Map();
    for (const h of params.holidays) {
      windows.set(h.name, ((_d = h.upper_window) != null ? _d : 0) - ((_e = h.lower_window) != null ? _e : 0) + 1);
    }
    const sum2 = (values) => [...values].reduce((a, b) => a + b, 0);
    return { trend, seasonalities: 2 * sum2(orders.values()) + levels, holidays: sum2(windows.values()) };
  }
  function planSeasonalities(timestamps, params, spacing = smallestSpacing(timestamps), splitDaily = false) {
    var _a, _b;
    const first = timestamps[0];
    const last = timestamps[timestamps.length - 1];
    const span = timestamps[timestamps.length - 1] - timestamps[0] + (Number.isFinite(spacing) ? spacing : 0);
    const multiplicative = params.seasonality_mode === "multiplicative";
    const autoOn = {
      yearly: span >= 730 * DAY_MS3,
      weekly: span >= 14 * DAY_MS3 && spacing < 7 * DAY_MS3,
      daily: span >= 2 * DAY_MS3 && spacing < DAY_MS3
    };
    const out = [];
    for (const { name, days: days2, order } of BUILT_IN_SEASONALITIES) {
      const resolved = resolveOrder(params[`${name}_seasonality`], autoOn[name], order);
      if (resolved > 0 && name === "daily" && splitDaily && dailyIsBuiltIn(params)) {
        for (const kind of DAY_KIND_SEASONALITIES) {
          out.push({
            name: kind.name,
            period_ms: DAY_MS3,
            order: resolved,
            prior_scale: params.seasonality_prior_scale,
            multiplicative,
            active: activeCondition(kind.condition, params, first, last),
            level: kind.level
          });
        }
      } else if (resolved > 0) {
        out.push({
          name,
          period_ms: days2 * DAY_MS3,
          order: resolved,
          prior_scale: params.seasonality_prior_scale,
          multiplicative
        });
      }
    }
    for (const s of params.seasonalities) {
      const index = out.findIndex((o) => o.name === s.name);
      const plan = {
        name: s.name,
        period_ms: s.period_days * DAY_MS3,
        order: s.fourier_order,
        prior_scale: (_a = s.prior_scale) != null ? _a : params.seasonality_prior_scale,
        multiplicative: ((_b = s.mode) != null ? _b : params.seasonality_mode) === "multiplicative",
        ...s.condition_name === void 0 ? {} : { active: activeCondition(s.condition_name, params, first, last) }
      };
      if (index >= 0) {
        out[index] = plan;
      } else {
        out.push(plan);
      }
    }
    return out;
  }
  var POOLED_LABEL = "any holiday";
  function holidayGroups(params, first, last) {
    var _a, _b, _c, _d;
    const tz = params.holidays_tz_offset_minutes;
    const groups = /* @__PURE__ */ new Map();
    for (const country of params.country_holidays) {
      const list = countryCalendar(country, first, last, tz);
      if (list.length > 0) {
        groups.set(`${country}:${POOLED_LABEL}`, {
          dates: list.map((h) => h.date),
          lower: 0,
          upper: 0,
          prior: params.holidays_prior_scale,
          pooled: true
        });
      }
      for (const h of list) {
        const key = `${country}:${h.name}`;
        const g = (_a = groups.get(key)) != null ? _a : {
          dates: [],
          lower: params.holidays_lower_window,
          upper: params.holidays_upper_window,
          prior: params.holidays_prior_scale,
          pooled: false
        };
        g.dates.push(h.date);
        groups.set(key, g);
      }
    }
    for (const h of params.holidays) {
      groups.set(h.name, {
        dates: [...h.dates],
        lower: (_b = h.lower_window) != null ? _b : 0,
        upper: (_c = h.upper_window) != null ? _c : 0,
        prior: (_d = h.prior_scale) != null ? _d : params.holidays_prior_scale,
        pooled: false
      });
    }
    return groups;
  }
  function holidayLabel(name, offset) {
    return offset === 0 ? name : `${name}${offset > 0 ? "+" : ""}${offset}`;
  }
  var HOLIDAY_CACHE_SIZE = 64;
  var holidayCache = /* @__PURE__ */ new Map();
  function holidayDayIntervals(params, first, last) {
    const tz = params.holidays_tz_offset_minutes;
    const year = (ms) => new Date(ms + tz * 6e4).getUTCFullYear();
    const key = [
      year(first),
      year(last),
      tz,
      params.holidays_lower_window,
      params.holidays_upper_window,
      params.holidays_prior_scale,
      params.country_holidays.join(","),
      JSON.stringify(params.holidays)
    ].join("|");
    const known = holidayCache.get(key);
    if (known !== void 0) {
      return known;
    }
    const out = [];
    for (const [name, g] of holidayGroups(params, first, last)) {
      for (const { offset, intervals } of holidayIntervals(g.dates, g.lower, g.upper, tz)) {
        out.push({ label: holidayLabel(name, offset), intervals, prior_scale: g.prior, pooled: g.pooled });
      }
    }
    if (holidayCache.size >= HOLIDAY_CACHE_SIZE) {
      holidayCache.clear();
    }
    holidayCache.set(key, out);
    return out;
  }
  function planHolidays(timestamps, params, spacing = smallestSpacing(timestamps)) {
    const out = [];
    for (const day of holidayDayIntervals(params, timestamps[0], timestamps[timestamps.length - 1])) {
      if (holdsWholeOccurrence(day.intervals, timestamps, spacing)) {
        out.push({ label: day.label, intervals: day.intervals, prior_scale: day.prior_scale });
      }
    }
    return out;
  }
  function unlearnedHolidayIntervals(params, learned, first, last) {
    const out = [];
    for (const day of holidayDayIntervals(params, first, last)) {
      if (!day.pooled && !learned.has(day.label)) {
        out.push(...day.intervals);
      }
    }
    return out;
  }
  function holdsWholeOccurrence(intervals, timestamps, spacing) {
    const n = timestamps.length;
    const step2 = Number.isFinite(spacing) ? spacing : 0;
    const first = timestamps[0];
    const last = timestamps[n - 1];
    for (let k = 0; k < intervals.length; k += 2) {
      const start = intervals[k];
      const end = intervals[k + 1];
      if (first >= start + Math.max(step2, 1) || last < end - Math.max(step2, 1)) {
        continue;
      }
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = lo + hi >> 1;
        if (timestamps[mid] < start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo < n && timestamps[lo] < end) {
        return true;
      }
    }
    return false;
  }
  function resolveHolidaysMode(params, nonNegative2) {
    if (params.holidays_mode !== "auto") {
      return params.holidays_mode;
    }
    return nonNegative2 ? "multiplicative" : params.seasonality_mode;
  }
  function planFeatures(timestamps, params, traits = {}) {
    var _a, _b, _c;
    const spacing = (_a = traits.spacing) != null ? _a : smallestSpacing(timestamps);
    const t0 = timestamps[0];
    const tScale = timestamps[timestamps.length - 1] - t0;
    const linear = params.growth === "linear";
    const changepointsMs = placeChangepoints(timestamps, params);
    const splitDaily = (_b = traits.splitDaily) != null ? _b : params.daily_seasonality_by_day_kind === true;
    const seasonalities = planSeasonalities(timestamps, params, spacing, splitDaily);
    const holidays = planHolidays(timestamps, params, spacing);
    const holidaysMode = resolveHolidaysMode(params, (_c = traits.nonNegative) != null ? _c : false);
    const components2 = [];
    let col = 0;
    const trendWidth = linear ? 2 + changepointsMs.length : 1;
    components2.push({
      name: "trend",
      kind: "trend",
      from: 0,
      to: trendWidth,
      prior_scale: params.changepoint_prior_scale,
      multiplicative: false
    });
    col = trendWidth;
    for (const s of seasonalities) {
      const width = 2 * s.order + (s.level === true ? 1 : 0);
      components2.push({
        name: s.name,
        kind: "seasonality",
        from: col,
        to: col + width,
        prior_scale: s.prior_scale,
        multiplicative: s.multiplicative
      });
      col += width;
    }
    for (const h of holidays) {
      components2.push({
        name: h.label,
        kind: "holiday",
        from: col,
        to: col + 1,
        prior_scale: h.prior_scale,
        multiplicative: holidaysMode === "multiplicative"
      });
      col += 1;
    }
    checkDesignWidth(
      { trend: trendWidth, seasonalities: col - trendWidth - holidays.length, holidays: holidays.length },
      "for this training window the model would have"
    );
    const layout = {
      t0,
      t_scale: tScale,
      linear,
      changepoints_t: changepointsMs.map((c) => (c - t0) / tScale),
      fourier: seasonalities.map(({ period_ms, order, active, level }) => ({
        period_ms,
        order,
        ...active === void 0 ? {} : { active },
        ...level === true ? { level } : {}
      })),
      indicators: holidays.map((h) => ({ intervals: h.intervals }))
    };
    return { layout, components: components2, holiday_columns: holidays.map((h) => h.label) };
  }

  // src/model/grossValues.ts
  var GROSS_FACTOR = 1e3;
  var MAX_TYPICAL_MAGNITUDE = 1e150;
  var MIN_TYPICAL_MAGNITUDE = 1e-150;
  var MAX_GROSS_SHARE = 0.01;
  function spreadOf(values, center, central, kernels) {
    if (central > 0) {
      return central;
    }
    const departures2 = departuresFrom(values, center, kernels);
    const nonZero = kernels.scaled(departures2, 1, false, departures2);
    return nonZero.length > 0 ? kernels.quantile(nonZero, 0.5) : 0;
  }
  function departuresFrom(values, center, kernels) {
    const shifted = values.slice();
    kernels.addScaled(shifted, new Float64Array(values.length).fill(1), -center);
    return kernels.scaled(shifted, 1, true, null);
  }
  function screenGrossValues(data, kernels) {
    const { stuck, endsStuck, ...train } = dropStuckRuns(data, kernels);
    const values = train.values;
    const [center, low, high, min, max] = kernels.quantiles(
      values,
      Float64Array.of(0.5, MAX_GROSS_SHARE, 1 - MAX_GROSS_SHARE, 0, 1)
    );
    const spread = spreadOf(values, center, high - low, kernels);
    const typical = Math.max(Math.abs(center), spread);
    if (!(typical <= MAX_TYPICAL_MAGNITUDE)) {
      const size = Number.isFinite(typical) ? `are around ${typical.toExponential(1)}` : `span more than a float holds (about \xB1${Number.MAX_VALUE.toExponential(1)})`;
      throw new ModelInputError(
        `the series' values ${size}, too large to model (limit ${MAX_TYPICAL_MAGNITUDE.toExponential(0)}); rescale them`
      );
    }
    if (typical > 0 && typical < MIN_TYPICAL_MAGNITUDE) {
      throw new ModelInputError(
        `the series' values are around ${typical.toExponential(1)}, too small to model (limit ${MIN_TYPICAL_MAGNITUDE.toExponential(0)}); rescale them`
      );
    }
    const limit = spread > 0 ? GROSS_FACTOR * spread : Infinity;
    if (center - min <= limit && max - center <= limit) {
      return { ...train, gross: 0, stuck, endsStuck, min, center, limit };
    }
    const keep = kernels.scaled(departuresFrom(values, center, kernels), -1, false, null);
    kernels.addScaled(keep, new Float64Array(values.length).fill(1), limit);
    const timestamps = kernels.scaled(train.timestamps, 1, false, keep);
    const kept = kernels.scaled(values, 1, false, keep);
    return {
      timestamps,
      values: kept,
      gross: values.length - timestamps.length,
      stuck,
      endsStuck,
      min: kernels.quantile(kept, 0),
      center,
      limit
    };
  }

  // src/model/robust.ts
  var HAMPEL_KNEES = { a: 2.5, b: 4.5, c: 9 };
  var MAD_TO_SIGMA = 1.4826;

  // src/model/holidayEffects.ts
  var MIN_FACTOR_CHANGE = -1;
  var ITERATIONS = 4;
  function holidayLayout(layout) {
    return { ...layout, linear: false, changepoints_t: [], fourier: [] };
  }
  function baseModel(layout, components2) {
    return { layout: { ...layout, indicators: [] }, components: components2.filter((c) => c.kind !== "holiday") };
  }
  function holidayMembership(kernels, timestamps, holidays) {
    const k = holidays.indicators.length;
    const H = kernels.designMatrix(timestamps, holidays);
    const ones = new Float64Array(k + 1).fill(1);
    ones[0] = 0;
    return kernels.multiply(H, timestamps.length, k + 1, ones);
  }
  function baseExpectation(kernels, timestamps, layout, components2, beta) {
    const n = timestamps.length;
    const p = layoutWidth(layout);
    const trend = components2[0];
    let X = kernels.designMatrix(timestamps, layout);
    const multiplicativeColumns = multiplicativeColumnsOf(components2);
    if (multiplicativeColumns.length > 0) {
      const trendNow = kernels.multiply(X, n, p, beta, trend.from, trend.to);
      X = kernels.designMatrix(timestamps, layout, { columns: multiplicativeColumns, row_scale: trendNow });
    }
    return kernels.multiply(X, n, p, beta);
  }
  function multiplicativeColumnsOf(components2) {
    const columns = [];
    for (const c of components2) {
      if (c.multiplicative && c.kind === "seasonality") {
        for (let j = c.from; j < c.to; j++) {
          columns.push(j);
        }
      }
    }
    return Int32Array.from(columns);
  }
  function holidayDesign(kernels, timestamps, holidays, multiplicative, base) {
    const k = holidays.indicators.length;
    if (!multiplicative) {
      return kernels.designMatrix(timestamps, holidays);
    }
    const columns = new Int32Array(k);
    for (let j = 0; j < k; j++) {
      columns[j] = j + 1;
    }
    return kernels.designMatrix(timestamps, holidays, { columns, row_scale: base });
  }
  function fitHolidayEffects(kernels, timestamps, departures2, design, holidayComponents, multiplicative, sigma, robust) {
    const m = timestamps.length;
    const k = holidayComponents.length;
    const q = k + 1;
    const gammaFull = new Float64Array(q);
    const weights = new Float64Array(m).fill(1);
    const residuals = departures2.slice();
    if (m === 0 || k === 0) {
      return { effects: gammaFull.subarray(1), residuals, weights };
    }
    const deficit = new Float64Array(m);
    const s2 = sigma * sigma;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const { gram, xty } = kernels.weightedGram(design, m, q, departures2, iteration === 0 ? null : weights);
      const A = new Float64Array(k * k);
      const b = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        b[i] = xty[i + 1];
        for (let j = 0; j < k; j++) {
          A[i * k + j] = gram[(i + 1) * q + j + 1];
        }
        const tau = holidayComponents[i].prior_scale;
        A[i * k + i] += Math.max(s2, 1e-12) / (tau * tau);
      }
      const gamma = kernels.solveSpd(A, b, k);
      for (let j = 0; j < k; j++) {
        gammaFull[j + 1] = multiplicative ? Math.max(MIN_FACTOR_CHANGE, gamma[j]) : gamma[j];
      }
      kernels.updateResiduals(departures2, kernels.multiply(design, m, q, gammaFull), residuals);
      if (!robust || !(sigma > 0)) {
        break;
      }
      kernels.hampelWeights(residuals, sigma, weights, deficit, HAMPEL_KNEES);
    }
    return { effects: gammaFull.slice(1), residuals, weights };
  }
  function mergeByTime(kernels, a, b) {
    const n = a.timestamps.length + b.timestamps.length;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    times.set(a.timestamps);
    times.set(b.timestamps, a.timestamps.length);
    values.set(a.values);
    values.set(b.values, a.values.length);
    const merged = new Float64Array(n);
    if (kernels.trainingRows(times, values, new Float64Array(0), new Float64Array(n), merged) !== n) {
      throw new Error("mergeByTime: a value to merge is not finite");
    }
    return merged;
  }

  // src/model/shortTerm.ts
  var MIN_PAIRS2 = 10;
  var LAG_TOLERANCE = 0.5;
  var MAX_SEASON_RHO = 0.99;
  function firstAbove(timestamps, t, from = 0) {
    let lo = from;
    let hi = timestamps.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (timestamps[mid] > t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
  function learnResidualMemory(kernels, timestamps, residuals, weights, seasonPeriodMs) {
    const n = timestamps.length;
    if (n < MIN_PAIRS2 + 1) {
      return null;
    }
    const positive = kernels.differences(timestamps, false, true);
    const step2 = positive.length > 0 ? kernels.quantile(positive, 0.5) : 0;
    if (!(step2 > 0)) {
      return null;
    }
    const tolerance = LAG_TOLERANCE * step2;
    const span = (timestamps[n - 1] - timestamps[0]) / step2;
    let season = null;
    let rest = residuals;
    if (seasonPeriodMs !== null && seasonPeriodMs >= 2 * step2 && span * step2 >= 3 * seasonPeriodMs) {
      const seasonRho = kernels.lagCorrelation(timestamps, residuals, weights, {
        lag_ms: seasonPeriodMs,
        tolerance_ms: tolerance,
        min_pairs: MIN_PAIRS2
      });
      if (seasonRho > 0) {
        const rho2 = Math.min(seasonRho, MAX_SEASON_RHO);
        rest = kernels.seasonalRemainder(timestamps, residuals, weights, {
          period_ms: seasonPeriodMs,
          tolerance_ms: tolerance,
          rho: rho2
        });
        const times = [];
        const kept = [];
        for (let i = firstAbove(timestamps, timestamps[n - 1] - seasonPeriodMs); i < n; i++) {
          times.push(timestamps[i]);
          kept.push(weights[i] > 0 ? residuals[i] : 0);
        }
        season = { period_ms: seasonPeriodMs, rho: rho2, times, residuals: kept };
      }
    }
    const lags = [];
    const rho = [];
    for (let lag = 1; lag <= span / 4; lag *= 2) {
      const r = kernels.lagCorrelation(timestamps, rest, weights, {
        lag_ms: lag * step2,
        tolerance_ms: tolerance,
        min_pairs: MIN_PAIRS2
      });
      if (!(r > 0)) {
        break;
      }
      rho.push(Math.min(r, rho.length > 0 ? rho[rho.length - 1] : 1));
      lags.push(lag);
    }
    if (lags.length === 0 && season === null) {
      return null;
    }
    return { step_ms: step2, season, lags, rho, last_residual: weights[n - 1] > 0 ? rest[n - 1] : 0 };
  }
  function carryCoefficient(memory, horizonSteps) {
    const { lags, rho } = memory;
    if (lags.length === 0) {
      return 0;
    }
    if (horizonSteps <= lags[0]) {
      return Math.pow(rho[0], horizonSteps / lags[0]);
    }
    for (let k = 1; k < lags.length; k++) {
      if (horizonSteps <= lags[k]) {
        const f = Math.log(horizonSteps / lags[k - 1]) / Math.log(lags[k] / lags[k - 1]);
        return Math.exp((1 - f) * Math.log(rho[k - 1]) + f * Math.log(rho[k]));
      }
    }
    return 0;
  }
  function residualCarry(memory, msAfterEnd) {
    if (!memory || msAfterEnd <= 0) {
      return 0;
    }
    return seasonalCarry(memory, msAfterEnd) + memory.last_residual * carryCoefficient(memory, msAfterEnd / memory.step_ms);
  }
  function seasonalCarry(memory, msAfterEnd) {
    const season = memory.season;
    if (season === null || season.times.length === 0) {
      return 0;
    }
    const times = season.times;
    const end = times[times.length - 1];
    const k = Math.max(1, Math.ceil(msAfterEnd / season.period_ms - 1e-9));
    const target = end + msAfterEnd - k * season.period_ms;
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (times[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    let best = lo;
    if (lo > 0 && Math.abs(times[lo - 1] - target) < Math.abs(times[lo] - target)) {
      best = lo - 1;
    }
    if (Math.abs(times[best] - target) > LAG_TOLERANCE * memory.step_ms) {
      return 0;
    }
    return Math.pow(season.rho, k) * season.residuals[best];
  }

  // src/model/horizonGrowth.ts
  var BIN_DOUBLINGS = 9;
  var MIN_BIN_ERRORS = 20;
  var MIN_BINS = 2;
  var MAX_READ_LEVEL = 0.9;
  function binVariances(kernels, measured, yScale, longest, level) {
    const { timestamps: ts, weights, origins, errors } = measured;
    const n = ts.length;
    const read = Math.min(level, MAX_READ_LEVEL);
    const z = normalQuantile(0.5 + read / 2);
    const pooled = new Float64Array(errors.reduce((s, e) => s + e.length, 0));
    const horizons = [];
    const variances = [];
    let low = 0;
    let count2 = 0;
    const reached = origins.map((origin) => firstAbove(ts, ts[origin - 1], origin));
    for (let b = BIN_DOUBLINGS; b >= 0; b--) {
      const high = b === 0 ? Infinity : longest / Math.pow(2, b);
      for (let k = 0; k < origins.length; k++) {
        const origin = origins[k];
        const from = reached[k];
        const to = high === Infinity ? n : firstAbove(ts, ts[origin - 1] + high, from);
        reached[k] = to;
        if (to > from) {
          const kept = kernels.scaled(
            errors[k].subarray(from - origin, to - origin),
            yScale,
            true,
            weights.subarray(from, to)
          );
          pooled.set(kept, count2);
          count2 += kept.length;
        }
      }
      if (count2 >= MIN_BIN_ERRORS) {
        const q = kernels.quantile(pooled.subarray(0, count2), read);
        horizons.push((low + Math.min(high, longest)) / 2);
        variances.push(q / z * (q / z));
        low = high;
        count2 = 0;
      }
    }
    return { horizons, variances };
  }
  function nonDecreasing(values) {
    const means = [];
    const sizes = [];
    for (const v of values) {
      let mean3 = v;
      let size = 1;
      while (means.length > 0 && means[means.length - 1] > mean3) {
        const m = means.pop();
        const s = sizes.pop();
        mean3 = (m * s + mean3 * size) / (s + size);
        size += s;
      }
      means.push(mean3);
      sizes.push(size);
    }
    const out = [];
    means.forEach((m, i) => {
      for (let j = 0; j < sizes[i]; j++) {
        out.push(m);
      }
    });
    return out;
  }
  function horizonGrowth(kernels, measured, yScale, level) {
    if (measured === null || measured.origins.length === 0) {
      return null;
    }
    const { timestamps: ts, origins } = measured;
    const first = origins[0];
    if (first < 1 || first >= ts.length) {
      return null;
    }
    const longest = ts[ts.length - 1] - ts[first - 1];
    if (!(longest > 0)) {
      return null;
    }
    const bins = binVariances(kernels, measured, yScale, longest, level);
    if (bins.horizons.length < MIN_BINS || !bins.variances.every(Number.isFinite)) {
      return null;
    }
    const monotone = nonDecreasing(bins.variances);
    return { horizon_ms: bins.horizons, variance: monotone };
  }
  function growthVariance(growth, msAfterEnd) {
    const h = growth.horizon_ms;
    const v = growth.variance;
    if (!(msAfterEnd > h[0])) {
      return v[0];
    }
    const last = h.length - 1;
    for (let k = 1; k <= last; k++) {
      if (msAfterEnd <= h[k]) {
        return v[k - 1] + (v[k] - v[k - 1]) * (msAfterEnd - h[k - 1]) / (h[k] - h[k - 1]);
      }
    }
    return v[last] + (v[last] - v[0]) * (msAfterEnd - h[last]) / (h[last] - h[0]);
  }

  // src/model/input.ts
  var MAX_POINTS2 = 1e6;
  function toTimestamps(timestamps, kernels = typescriptKernels) {
    if (timestamps.length > MAX_POINTS2) {
      throw new ModelInputError(
        `the series has ${timestamps.length} points, more than the ${MAX_POINTS2} one model takes; use a coarser step`
      );
    }
    const out = timestamps instanceof Float64Array ? timestamps.slice() : Float64Array.from(timestamps);
    const bad2 = kernels.firstNonFinite(out);
    if (bad2 >= 0) {
      throw new ModelInputError(`timestamp at index ${bad2} is not a finite number (${String(timestamps[bad2])})`);
    }
    return out;
  }
  function flatRanges(exclude) {
    const out = new Float64Array(2 * exclude.length);
    for (let k = 0; k < exclude.length; k++) {
      out[2 * k] = exclude[k][0];
      out[2 * k + 1] = exclude[k][1];
    }
    return out;
  }
  function selectTrainingData(timestamps, values, exclude, kernels = typescriptKernels) {
    if (timestamps.length !== values.length) {
      throw new ModelInputError(`timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
    }
    if (timestamps.length === 0) {
      throw new ModelInputError("the series is empty");
    }
    const ts = toTimestamps(timestamps, kernels);
    const vs = values instanceof Float64Array ? values : Float64Array.from(values, (v) => typeof v === "number" ? v : NaN);
    const outT = new Float64Array(ts.length);
    const outV = new Float64Array(ts.length);
    const kept = kernels.trainingRows(ts, vs, flatRanges(exclude), outT, outV);
    if (kept === 0) {
      throw new ModelInputError(
        "the series has no finite values outside the excluded ranges (exclude, and incident labels, which are left out of training too)"
      );
    }
    if (outT[kept - 1] === outT[0]) {
      throw new ModelInputError("the series needs at least two distinct timestamps with values");
    }
    return kept === ts.length ? { timestamps: outT, values: outV } : { timestamps: outT.slice(0, kept), values: outV.slice(0, kept) };
  }

  // src/model/incrementalState.ts
  var INCREMENTAL_VERSION = 1;
  var upperMasks = /* @__PURE__ */ new Map();
  function upperMask(p) {
    let mask = upperMasks.get(p);
    if (mask === void 0) {
      mask = new Float64Array(p * p);
      for (let a = 0; a < p; a++) {
        mask.fill(1, a * p + a, (a + 1) * p);
      }
      upperMasks.set(p, mask);
    }
    return mask;
  }
  function packUpper(full, p, kernels = typescriptKernels) {
    return kernels.scaled(full, 1, false, upperMask(p));
  }
  function unpackUpper(packed, p) {
    const out = new Float64Array(p * p);
    let k = 0;
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        out[a * p + b] = packed[k];
        out[b * p + a] = packed[k];
        k++;
      }
    }
    return out;
  }
  var ARRAY_KEYS = ["gram", "xty", "light_times", "light_weights", "recent_out", "recent_in"];
  var NUMBER_KEYS = [
    "version",
    "sigma",
    "weight_scale",
    "gross_center",
    "recent_capacity",
    "recent_scale",
    "fitted_end"
  ];
  var SPREAD_KEYS = [
    "below",
    "above",
    "outlier_below",
    "outlier_above",
    "tail",
    "burst",
    "dof_inflation",
    "floor",
    "z",
    "outlier_z"
  ];
  var OPTIONAL_SPREAD_KEYS = ["tail_below", "tail_above"];
  function encodeState(state, kernels = typescriptKernels) {
    const out = {
      spread: state.spread,
      gross_limit: Number.isFinite(state.gross_limit) ? state.gross_limit : null
    };
    for (const key of NUMBER_KEYS) {
      out[key] = state[key];
    }
    for (const key of ARRAY_KEYS) {
      out[key] = kernels.encodeFloat64s(state[key]);
    }
    return out;
  }
  function float64sOf(values) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
  function float64sOfText(text, kernels) {
    try {
      return kernels.decodeFloat64s(text);
    } catch (e) {
      return void 0;
    }
  }
  function decodeState(data, p, kernels = typescriptKernels) {
    if (data === null || typeof data !== "object") {
      return void 0;
    }
    const o = data;
    if (o.version !== INCREMENTAL_VERSION) {
      return void 0;
    }
    const state = {};
    for (const key of NUMBER_KEYS) {
      if (typeof o[key] !== "number" || !Number.isFinite(o[key])) {
        return void 0;
      }
      state[key] = o[key];
    }
    for (const key of ARRAY_KEYS) {
      const stored = o[key];
      if (typeof stored === "string") {
        const values = float64sOfText(stored, kernels);
        if (values === void 0) {
          return void 0;
        }
        state[key] = values;
      } else if (Array.isArray(stored)) {
        state[key] = float64sOf(stored);
      } else {
        return void 0;
      }
    }
    const spread = o.spread;
    if (spread === null || typeof spread !== "object" || !SPREAD_KEYS.every((k) => typeof spread[k] === "number") || !OPTIONAL_SPREAD_KEYS.every((k) => spread[k] === void 0 || typeof spread[k] === "number")) {
      return void 0;
    }
    state.spread = spread;
    state.gross_limit = o.gross_limit === null ? Infinity : o.gross_limit;
    const s = state;
    const consistent = typeof s.gross_limit === "number" && s.gram.length === p * (p + 1) / 2 && s.xty.length === p && s.light_weights.length === s.light_times.length && s.recent_in.length === s.recent_out.length;
    return consistent ? s : void 0;
  }

  // src/model/families/family.ts
  var FAMILY_NAMES = ["decomposition", "past", "autoregressive", "holt_winters", "neural", "ensemble"];
  var AUTO_FAMILIES = FAMILY_NAMES.filter(
    (name) => name !== "ensemble" && name !== "neural"
  );

  // src/model/families/holtWintersParams.ts
  var HW_PERIODS = ["auto", "day", "week", "none"];
  var SMOOTHING_RANGES = {
    hw_alpha: { open: true },
    hw_beta: { open: false },
    hw_gamma: { open: false },
    hw_phi: { open: true }
  };
  function checkHoltWintersParams(p) {
    if (!HW_PERIODS.includes(p.hw_period)) {
      throw new ModelInputError(`hw_period must be one of ${HW_PERIODS.join(", ")}, got ${JSON.stringify(p.hw_period)}`);
    }
    for (const [name, { open }] of Object.entries(SMOOTHING_RANGES)) {
      const value = p[name];
      const ok = value === "auto" || typeof value === "number" && value <= 1 && (open ? value > 0 : value >= 0);
      if (!ok) {
        throw new ModelInputError(
          `${name} must be "auto" or a number in ${open ? "(0, 1]" : "[0, 1]"}, got ${JSON.stringify(value)}`
        );
      }
    }
  }

  // src/model/families/neuralParams.ts
  var NEURAL_LIMITS = { hidden: { min: 1, max: 128 }, steps: { min: 100, max: 2e4 } };
  function checkNeuralParams(p) {
    for (const [name, value, { min, max }] of [
      ["neural_hidden", p.neural_hidden, NEURAL_LIMITS.hidden],
      ["neural_steps", p.neural_steps, NEURAL_LIMITS.steps]
    ]) {
      if (!(Number.isInteger(value) && value >= min && value <= max)) {
        throw new ModelInputError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
      }
    }
  }

  // src/model/selection/objective.ts
  var WEIGHTED = /^weighted:(\d+(\.\d*)?|\.\d+)$/;
  function parseObjective(text) {
    if (text === "violations" || text === "magnitude") {
      return { kind: text };
    }
    const match = typeof text === "string" ? WEIGHTED.exec(text) : null;
    const weight = match ? Number(match[1]) : NaN;
    if (!(weight >= 0 && weight <= 1)) {
      throw new ModelInputError(
        `selection_objective must be "violations", "magnitude" or "weighted:W" with W in [0, 1], got ${JSON.stringify(text)}`
      );
    }
    return { kind: "weighted", weight };
  }
  function objectiveText(objective) {
    return objective.kind === "weighted" ? `weighted:${objective.weight}` : objective.kind;
  }

  // src/model/sustained.ts
  var DEFAULT_SUSTAINED_POINTS = 12;
  var MAX_SUSTAINED_POINTS = 288;
  var MEDIAN_SPREAD = 1.25;
  function learnSustained(kernels, errors, yScale, points, summary) {
    if (points < 1 || errors === null || errors.origins.length === 0) {
      return null;
    }
    const n = errors.timestamps.length;
    let largest = 0;
    let count2 = 0;
    errors.origins.forEach((origin, k) => {
      const end = k + 1 < errors.origins.length ? errors.origins[k + 1] : n;
      const medians = kernels.rollingMedians(errors.errors[k].subarray(0, end - origin), points).subarray(points - 1);
      const magnitudes = kernels.scaled(medians, yScale, true, null);
      const held = kernels.scaled(magnitudes, 1, false, magnitudes);
      if (held.length > 0) {
        largest = Math.max(largest, kernels.quantile(held, 1));
      }
      count2 += medians.length;
    });
    const learned = largest / largestNormalDeviate(count2 / points);
    const floor = MEDIAN_SPREAD / Math.sqrt(points);
    const below = Math.max(learned, floor * summary.scale_below);
    const above = Math.max(learned, floor * summary.scale_above);
    return below > 0 && above > 0 && Number.isFinite(below) && Number.isFinite(above) ? { points, scale_below: below, scale_above: above } : null;
  }
  function largestNormalDeviate(draws) {
    const n = Math.max(1, draws);
    const tail = -Math.expm1(-Math.LN2 / n) / 2;
    return -normalQuantile(tail);
  }
  function readSustained(raw) {
    const s = raw;
    if (s === null || s === void 0 || typeof s !== "object") {
      return null;
    }
    const { points, scale_below: below, scale_above: above } = s;
    return Number.isInteger(points) && points >= 1 && points <= MAX_SUSTAINED_POINTS && typeof below === "number" && below > 0 && Number.isFinite(below) && typeof above === "number" && above > 0 && Number.isFinite(above) ? { points, scale_below: below, scale_above: above } : null;
  }

  // src/model/unseenDays.ts
  var DAY_MS4 = 864e5;
  var DEFAULT_UNSEEN_SCALE = 0.15;
  function holidayDays(params, ts, learned = /* @__PURE__ */ new Set()) {
    const n = ts.length;
    if (n === 0 || params.country_holidays.length === 0 && params.holidays.length === 0) {
      return null;
    }
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      first = Math.min(first, ts[i]);
      last = Math.max(last, ts[i]);
    }
    const intervals = overlapping(unlearnedHolidayIntervals(params, learned, first, last), first, last);
    if (intervals.length === 0) {
      return null;
    }
    let out = null;
    for (let i = 0; i < n; i++) {
      if (insideAny(intervals, ts[i])) {
        out != null ? out : out = new Uint8Array(n);
        out[i] = 1;
      }
    }
    return out;
  }
  function plainWeekend(params) {
    return { ...activeCondition("weekend", params, 0, 0), flip: [] };
  }
  function holdsWholeWeekendDay(weekend, tzOffsetMinutes, span) {
    const { start: first, end: last } = span;
    if (last - first >= 8 * DAY_MS4) {
      return true;
    }
    const step2 = span.points > 1 ? (last - first) / (span.points - 1) : DAY_MS4;
    const zone = tzOffsetMinutes * 6e4;
    for (let day = Math.floor((first + zone) / DAY_MS4) * DAY_MS4 - zone; day + DAY_MS4 - step2 <= last; day += DAY_MS4) {
      if (first - step2 <= day && conditionHolds(weekend, day + DAY_MS4 / 2)) {
        return true;
      }
    }
    return false;
  }
  function unlearnedDays(params, learned, history, ts) {
    const holidays = holidayDays(params, ts, learned);
    if (holdsWholeWeekend(params, history)) {
      return holidays;
    }
    const weekend = plainWeekend(params);
    let out = holidays;
    for (let i = 0; i < ts.length; i++) {
      if (conditionHolds(weekend, ts[i])) {
        out != null ? out : out = new Uint8Array(ts.length);
        out[i] = 1;
      }
    }
    return out;
  }
  function unseenDayVariance(params, components2, history, ts, base) {
    var _a;
    const scale = (_a = params.unseen_days_scale) != null ? _a : DEFAULT_UNSEEN_SCALE;
    if (!(scale > 0) || ts.length === 0) {
      return null;
    }
    const learned = new Set(components2.filter((c) => c.kind === "holiday").map((c) => c.name));
    const days2 = unlearnedDays(params, learned, history, ts);
    if (days2 === null) {
      return null;
    }
    const out = new Float64Array(ts.length);
    for (let i = 0; i < out.length; i++) {
      if (days2[i] === 1) {
        const spread = scale * base[i];
        out[i] = spread * spread;
      }
    }
    return out;
  }
  function overlapping(intervals, first, last) {
    const out = [];
    for (let k = 0; k < intervals.length; k += 2) {
      if (intervals[k] <= last && intervals[k + 1] > first) {
        out.push(intervals[k], intervals[k + 1]);
      }
    }
    return out;
  }
  function insideAny(intervals, t) {
    for (let k = 0; k < intervals.length; k += 2) {
      if (t >= intervals[k] && t < intervals[k + 1]) {
        return true;
      }
    }
    return false;
  }
  function keptBeforeUnlearnedWeekend(params, ts) {
    var _a;
    const n = ts.length;
    if (n < 2 || !(((_a = params.unseen_days_scale) != null ? _a : DEFAULT_UNSEEN_SCALE) > 0) || holdsWholeWeekend(params, { start: ts[0], end: ts[n - 1], points: n })) {
      return n;
    }
    const weekend = plainWeekend(params);
    let keep = n;
    while (keep > 0 && conditionHolds(weekend, ts[keep - 1])) {
      keep--;
    }
    return keep === n || keep < 2 || ts[keep - 1] - ts[0] < DAY_MS4 ? n : keep;
  }
  function leavesWeekendToRefit(params, history) {
    var _a;
    return ((_a = params.unseen_days_scale) != null ? _a : DEFAULT_UNSEEN_SCALE) > 0 && history.end - history.start >= DAY_MS4 && !holdsWholeWeekend(params, history);
  }
  function holdsWholeWeekend(params, history) {
    return holdsWholeWeekendDay(plainWeekend(params), params.holidays_tz_offset_minutes, history);
  }
  function anyOnWeekend(params, ts) {
    const weekend = plainWeekend(params);
    return ts.some((t) => conditionHolds(weekend, t));
  }

  // src/model/params.ts
  function frozenList(...items) {
    return Object.freeze(items);
  }
  var DEFAULT_PARAMS = Object.freeze({
    model: "ensemble",
    selection_objective: "violations",
    growth: "linear",
    n_changepoints: 25,
    changepoint_range: 0.8,
    changepoint_prior_scale: 0.05,
    yearly_seasonality: "auto",
    weekly_seasonality: "auto",
    daily_seasonality: "auto",
    daily_seasonality_by_day_kind: "auto",
    seasonalities: frozenList(),
    conditions: frozenList(),
    seasonality_mode: "additive",
    seasonality_prior_scale: 10,
    country_holidays: frozenList(),
    holidays: frozenList(),
    holidays_lower_window: 0,
    holidays_upper_window: 0,
    holidays_prior_scale: 10,
    holidays_mode: "auto",
    unseen_days_scale: DEFAULT_UNSEEN_SCALE,
    holidays_tz_offset_minutes: 0,
    interval_width: 0.8,
    outlier_width: 0.995,
    sustained_points: DEFAULT_SUSTAINED_POINTS,
    nonnegative: "auto",
    robust: true,
    exclude: frozenList(),
    false_alarms: frozenList(),
    past_period: "auto",
    past_periods: 4,
    past_level: false,
    past_level_fade: 0,
    past_clean: true,
    ar_period: "auto",
    ar_difference: "auto",
    ar_order: "auto",
    ensemble_members: frozenList("decomposition", "past"),
    hw_period: "auto",
    hw_alpha: "auto",
    hw_beta: "auto",
    hw_gamma: "auto",
    hw_phi: "auto",
    neural_hidden: 32,
    neural_steps: 3e3
  });
  var KNOWN_KEYS = /* @__PURE__ */ new Set([...Object.keys(DEFAULT_PARAMS), "changepoints"]);
  function shown(value) {
    var _a;
    return typeof value === "number" ? String(value) : (_a = JSON.stringify(value)) != null ? _a : String(value);
  }
  function requirePositive(name, value) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new ModelInputError(`${name} must be a positive number, got ${shown(value)}`);
    }
  }
  function checkSwitch(name, value) {
    const ok = value === "auto" || typeof value === "boolean" || typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MODEL_LIMITS.fourierOrder;
    if (!ok) {
      throw new ModelInputError(
        `${name} must be "auto", true, false or a Fourier order (0-${MODEL_LIMITS.fourierOrder}), got ${JSON.stringify(value)}`
      );
    }
  }
  var validatedSets = /* @__PURE__ */ new Set();
  var MAX_WIDTH = 0.999999999;
  var MAX_VALIDATED_SETS = 64;
  var MAX_VALIDATED_TEXT = 16384;
  var MAX_PARAMS_DEPTH = 4;
  var MAX_NESTING = 32;
  function nestsDeeper(value, levels) {
    if (value === null || typeof value !== "object") {
      return false;
    }
    if (levels === 0) {
      return true;
    }
    for (const key of Object.keys(value)) {
      if (nestsDeeper(value[key], levels - 1)) {
        return true;
      }
    }
    return false;
  }
  function validationKey(given) {
    const text = JSON.stringify(given);
    return text.length > MAX_VALIDATED_TEXT ? null : text;
  }
  function isPlainData(value, depth) {
    if (value === null || typeof value === "string" || typeof value === "boolean") {
      return true;
    }
    if (typeof value === "number") {
      return Number.isFinite(value);
    }
    if (typeof value !== "object" || depth > MAX_PARAMS_DEPTH) {
      return false;
    }
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) {
        return false;
      }
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || !isPlainData(value[i], depth + 1)) {
          return false;
        }
      }
      return true;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!isPlainData(value[key], depth + 1)) {
        return false;
      }
    }
    return true;
  }
  var checkedSets = /* @__PURE__ */ new WeakSet();
  var handedOn = /* @__PURE__ */ new WeakSet();
  function handOn(resolved, model = resolved.model) {
    const p = model === resolved.model ? resolved : { ...resolved, model };
    if (checkedSets.has(resolved) && FAMILY_NAMES.includes(model)) {
      checkedSets.add(p);
      handedOn.add(p);
    }
    return p;
  }
  function resolveParams(partial = {}) {
    if (handedOn.delete(partial)) {
      return partial;
    }
    const given = {};
    let plain = true;
    for (const key2 of Object.keys(partial)) {
      if (!KNOWN_KEYS.has(key2)) {
        throw new ModelInputError(`unknown model parameter "${key2}"`);
      }
      const value = partial[key2];
      if (value !== void 0) {
        given[key2] = value;
        const type = typeof value;
        plain && (plain = type === "string" || type === "boolean" || type === "number" && Number.isFinite(value) || type === "object" && isPlainData(value, 1));
      }
    }
    const key = plain ? validationKey(given) : null;
    if (key === null) {
      for (const name of plain ? [] : Object.keys(given)) {
        if (nestsDeeper(given[name], MAX_NESTING)) {
          throw new ModelSettingsError(`model parameter "${name}" nests deeper than ${MAX_NESTING} levels`);
        }
      }
      const p = Object.assign({}, DEFAULT_PARAMS, given);
      validated(p);
      return p;
    }
    const asChecked = Object.assign({}, DEFAULT_PARAMS, JSON.parse(key));
    if (!validatedSets.has(key)) {
      validated(asChecked);
      if (validatedSets.size >= MAX_VALIDATED_SETS) {
        validatedSets.clear();
      }
      validatedSets.add(key);
    }
    checkedSets.add(asChecked);
    return asChecked;
  }
  function validated(p) {
    try {
      validateParams(p);
    } catch (error) {
      throw error instanceof ModelInputError && !(error instanceof ModelSettingsError) ? new ModelSettingsError(error.message) : error;
    }
  }
  function validateParams(p) {
    if (p.model !== "auto" && !FAMILY_NAMES.includes(p.model)) {
      throw new ModelInputError(
        `model must be auto or one of ${FAMILY_NAMES.join(", ")}, got ${JSON.stringify(p.model)}`
      );
    }
    parseObjective(p.selection_objective);
    if (p.growth !== "linear" && p.growth !== "flat") {
      throw new ModelInputError(`growth must be "linear" or "flat", got ${JSON.stringify(p.growth)}`);
    }
    checkChangepoints(p);
    requirePositive("changepoint_prior_scale", p.changepoint_prior_scale);
    requirePositive("seasonality_prior_scale", p.seasonality_prior_scale);
    requirePositive("holidays_prior_scale", p.holidays_prior_scale);
    if (!(typeof p.interval_width === "number" && p.interval_width > 0 && p.interval_width < 1)) {
      throw new ModelInputError(`interval_width must be a number in (0, 1), got ${shown(p.interval_width)}`);
    }
    if (!(typeof p.outlier_width === "number" && p.outlier_width > 0 && p.outlier_width < 1)) {
      throw new ModelInputError(`outlier_width must be a number in (0, 1), got ${shown(p.outlier_width)}`);
    }
    for (const name of ["interval_width", "outlier_width"]) {
      if (p[name] > MAX_WIDTH) {
        throw new ModelInputError(`${name} must be at most ${MAX_WIDTH}, got ${shown(p[name])}`);
      }
    }
    if (typeof p.robust !== "boolean") {
      throw new ModelInputError(`robust must be true or false, got ${shown(p.robust)}`);
    }
    if (!(Number.isInteger(p.sustained_points) && p.sustained_points >= 0 && p.sustained_points <= MAX_SUSTAINED_POINTS)) {
      throw new ModelInputError(
        `sustained_points must be a whole number from 0 (off) to ${MAX_SUSTAINED_POINTS}, got ${String(p.sustained_points)}`
      );
    }
    if (p.nonnegative !== "auto" && typeof p.nonnegative !== "boolean") {
      throw new ModelInputError(`nonnegative must be "auto", true or false, got ${JSON.stringify(p.nonnegative)}`);
    }
    if (p.seasonality_mode !== "additive" && p.seasonality_mode !== "multiplicative") {
      throw new ModelInputError(`seasonality_mode must be "additive" or "multiplicative"`);
    }
    if (!["auto", "additive", "multiplicative"].includes(p.holidays_mode)) {
      throw new ModelInputError(`holidays_mode must be "auto", "additive" or "multiplicative"`);
    }
    checkSwitch("yearly_seasonality", p.yearly_seasonality);
    checkSwitch("weekly_seasonality", p.weekly_seasonality);
    checkSwitch("daily_seasonality", p.daily_seasonality);
    checkSeasonalities(p.seasonalities);
    checkConditions(p);
    if (!Number.isFinite(p.holidays_tz_offset_minutes) || Math.abs(p.holidays_tz_offset_minutes) > 18 * 60) {
      throw new ModelInputError("holidays_tz_offset_minutes must be within \xB11080");
    }
    if (!(Number.isFinite(p.unseen_days_scale) && p.unseen_days_scale >= 0 && p.unseen_days_scale <= 1)) {
      throw new ModelInputError(`unseen_days_scale must be in [0, 1], got ${String(p.unseen_days_scale)}`);
    }
    checkWindow2("holidays_lower_window", "holidays_upper_window", p.holidays_lower_window, p.holidays_upper_window);
    checkCountries(p.country_holidays);
    checkHolidays(p.holidays);
    checkRanges("exclude", p.exclude);
    checkRanges("false_alarms", p.false_alarms);
    checkPastParams(p);
    checkAutoregressive(p);
    checkHoltWintersParams(p);
    checkNeuralParams(p);
    checkEnsembleMembers(p.ensemble_members);
    checkDesignWidth(widestDesign(p), "the parameters allow up to");
  }
  function requireList(name, value, limit) {
    if (!Array.isArray(value)) {
      throw new ModelInputError(`${name} must be a list`);
    }
    if (value.length > limit) {
      throw new ModelInputError(`${name} has ${value.length} entries; the limit is ${limit}`);
    }
  }
  function checkChangepoints(p) {
    const limit = MODEL_LIMITS.changepoints;
    if (!(Number.isInteger(p.n_changepoints) && p.n_changepoints >= 0 && p.n_changepoints <= limit)) {
      throw new ModelInputError(`n_changepoints must be an integer in 0..${limit}, got ${String(p.n_changepoints)}`);
    }
    if (!(typeof p.changepoint_range === "number" && p.changepoint_range > 0 && p.changepoint_range <= 1)) {
      throw new ModelInputError(`changepoint_range must be a number in (0, 1], got ${shown(p.changepoint_range)}`);
    }
    if (p.changepoints !== void 0) {
      requireList("changepoints", p.changepoints, limit);
      if (!p.changepoints.every((c) => Number.isFinite(c))) {
        throw new ModelInputError("changepoints must be finite epoch milliseconds");
      }
    }
  }
  function checkSeasonalities(seasonalities) {
    requireList("seasonalities", seasonalities, MODEL_LIMITS.customSeasonalities);
    const maxOrder = MODEL_LIMITS.fourierOrder;
    for (const s of seasonalities) {
      if (!s || typeof s.name !== "string" || s.name === "") {
        throw new ModelInputError("every custom seasonality needs a name");
      }
      requirePositive(`seasonality "${s.name}" period_days`, s.period_days);
      if (!(Number.isInteger(s.fourier_order) && s.fourier_order > 0 && s.fourier_order <= maxOrder)) {
        throw new ModelInputError(`seasonality "${s.name}" fourier_order must be an integer in 1..${maxOrder}`);
      }
      if (s.prior_scale !== void 0) {
        requirePositive(`seasonality "${s.name}" prior_scale`, s.prior_scale);
      }
      if (s.mode !== void 0 && s.mode !== "additive" && s.mode !== "multiplicative") {
        throw new ModelInputError(
          `seasonality "${s.name}" mode must be "additive" or "multiplicative", got ${JSON.stringify(s.mode)}`
        );
      }
    }
  }
  function checkWindow2(lowerName, upperName, lower, upper) {
    const days2 = MODEL_LIMITS.holidayWindowDays;
    const whole = (w) => typeof w === "number" && Number.isInteger(w) && Math.abs(w) <= days2;
    if (!(whole(lower) && whole(upper) && lower <= 0 && upper >= 0)) {
      throw new ModelInputError(`${lowerName} must be whole days in -${days2}..0 and ${upperName} in 0..${days2}`);
    }
  }
  function checkCountries(countries) {
    const supported = supportedCountries();
    if (!Array.isArray(countries)) {
      throw new ModelInputError(`"country_holidays" must be a list of country codes, e.g. ["${supported[0]}"]`);
    }
    countries.forEach((code, i) => {
      if (typeof code !== "string" || !supported.includes(code.trim().toUpperCase())) {
        throw new ModelInputError(
          `country_holidays[${i}] ${JSON.stringify(code)} is not a supported holiday country (supported: ${supported.join(", ")})`
        );
      }
    });
  }
  function checkHolidays(holidays) {
    var _a, _b;
    requireList("holidays", holidays, MODEL_LIMITS.customHolidays);
    for (const h of holidays) {
      if (!h || typeof h.name !== "string" || h.name === "" || !Array.isArray(h.dates)) {
        throw new ModelInputError("every custom holiday needs a name and a list of dates");
      }
      requireList(`holiday "${h.name}" dates`, h.dates, MODEL_LIMITS.holidayDates);
      for (const d of h.dates) {
        if (typeof d !== "string" || parseDay(d) === void 0) {
          throw new ModelInputError(
            `holiday "${h.name}" date ${JSON.stringify(d)} is not a real date written YYYY-MM-DD`
          );
        }
      }
      checkWindow2(`holiday "${h.name}" lower_window`, "upper_window", (_a = h.lower_window) != null ? _a : 0, (_b = h.upper_window) != null ? _b : 0);
      if (h.prior_scale !== void 0) {
        requirePositive(`holiday "${h.name}" prior_scale`, h.prior_scale);
      }
    }
  }
  function checkRanges(name, ranges) {
    if (!Array.isArray(ranges)) {
      throw new ModelInputError(`${name} must be a list of [start_ms, end_ms] pairs`);
    }
    if (ranges.length > MODEL_LIMITS.ranges) {
      const what = name === "exclude" ? "exclude (excluded ranges and incident labels together)" : name;
      throw new ModelSettingsError(
        `${what} has ${ranges.length} ranges; the limit is ${MODEL_LIMITS.ranges}: merge neighbouring ones or shorten the span`
      );
    }
    for (const range of ranges) {
      if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) {
        throw new ModelInputError(`${name} ranges must be [start_ms, end_ms] pairs of numbers`);
      }
      if (range[1] < range[0]) {
        throw new ModelInputError(`${name} range [${range[0]}, ${range[1]}] ends before it starts`);
      }
    }
  }
  var MAX_PAST_PERIODS = 52;
  var MAX_PAST_LEVEL_FADE_HOURS = 8760;
  function checkPastParams(p) {
    if (!["auto", "week", "day"].includes(p.past_period)) {
      throw new ModelInputError(`past_period must be "auto", "week" or "day", got ${JSON.stringify(p.past_period)}`);
    }
    if (!(Number.isInteger(p.past_periods) && p.past_periods >= 1 && p.past_periods <= MAX_PAST_PERIODS)) {
      throw new ModelInputError(
        `past_periods must be a whole number in 1..${MAX_PAST_PERIODS}, got ${JSON.stringify(p.past_periods)}`
      );
    }
    if (typeof p.past_level !== "boolean") {
      throw new ModelInputError(`past_level must be true or false, got ${JSON.stringify(p.past_level)}`);
    }
    if (typeof p.past_clean !== "boolean") {
      throw new ModelInputError(`past_clean must be true or false, got ${JSON.stringify(p.past_clean)}`);
    }
    const fade = p.past_level_fade;
    if (!(typeof fade === "number" && fade >= 0 && fade <= MAX_PAST_LEVEL_FADE_HOURS)) {
      const shown2 = typeof fade === "number" ? String(fade) : JSON.stringify(fade);
      throw new ModelInputError(
        `past_level_fade must be a number of hours in 0..${MAX_PAST_LEVEL_FADE_HOURS}, got ${shown2}`
      );
    }
    if (fade > 0 && !p.past_level) {
      throw new ModelInputError("past_level_fade fades the level shift: it needs past_level: true");
    }
  }
  var AR_MAX_ORDER = 12;
  function checkAutoregressive(p) {
    if (!["auto", "day", "week", "none"].includes(p.ar_period)) {
      throw new ModelInputError(`ar_period must be "auto", "day", "week" or "none", got ${JSON.stringify(p.ar_period)}`);
    }
    if (!["auto", 0, 1].includes(p.ar_difference)) {
      throw new ModelInputError(`ar_difference must be "auto", 0 or 1, got ${JSON.stringify(p.ar_difference)}`);
    }
    const order = p.ar_order;
    if (order !== "auto" && !(Number.isInteger(order) && order >= 0 && order <= AR_MAX_ORDER)) {
      throw new ModelInputError(
        `ar_order must be "auto" or an integer in 0..${AR_MAX_ORDER}, got ${JSON.stringify(order)}`
      );
    }
  }
  function checkEnsembleMembers(members) {
    const allowed = FAMILY_NAMES.filter((f) => f !== "ensemble");
    if (!Array.isArray(members) || members.length === 0 || members.some((m, i) => !allowed.includes(m) || members.indexOf(m) !== i)) {
      throw new ModelInputError(
        `ensemble_members must be a non-empty list of distinct families from ${allowed.join(", ")}, got ${JSON.stringify(members)}`
      );
    }
  }

  // src/model/regression.ts
  var TREND_BASE_PRIOR = 5;
  var L1_EPSILON = 1e-6;
  var MAX_ITERATIONS = 10;
  var MIN_ITERATIONS = 3;
  var TOLERANCE = 0.01;
  var MIN_POINTS_PER_FEATURE_FOR_ROBUST = 8;
  var SIGMA_FLOOR_SHARE = 1e-6;
  var FALLBACK_SIGMA = 1e-6;
  var MULTIPLICATIVE_ROUNDS = 2;
  var HOLDOUT_SHARE = 0.1;
  var MIN_HOLDOUT_ROWS = 20;
  function holdoutStartIndex(n, p) {
    return tailStartIndex(n, p, HOLDOUT_SHARE);
  }
  function tailStartIndex(n, p, share, rowsPerFeature = 3) {
    const rows = Math.floor(n * share);
    if (rows < MIN_HOLDOUT_ROWS || n - rows < rowsPerFeature * p) {
      return n;
    }
    return n - rows;
  }
  var ORIGIN_SHARES = [0.5, 0.4, 0.3, 0.2, HOLDOUT_SHARE];
  function forecastOrigins(n, p) {
    const origins = [];
    for (const share of ORIGIN_SHARES) {
      const start = tailStartIndex(n, p, share, 1);
      if (start < n && (origins.length === 0 || start > origins[origins.length - 1])) {
        origins.push(start);
      }
    }
    return origins;
  }
  function residualScale(r, kernels) {
    const mad = kernels.madSigma(r, MAD_TO_SIGMA);
    if (mad > 0) {
      return mad;
    }
    let s = 0;
    for (let i = 0; i < r.length; i++) {
      s += r[i] < 0 ? -r[i] : r[i];
    }
    return 1.2533 * s / Math.max(1, r.length);
  }
  function initialSigma(ys, kernels) {
    if (ys.length < 3) {
      return FALLBACK_SIGMA;
    }
    const d = kernels.differences(ys, false, false);
    const s = kernels.madSigma(d, MAD_TO_SIGMA) / Math.SQRT2;
    return s > 0 ? s : residualScale(d, kernels) || FALLBACK_SIGMA;
  }
  var MIN_ORDINARY_ROWS_PER_FEATURE = 2;
  function fitRegression(kernels, timestamps, ys, layout, components2, robust) {
    const k = layout.indicators.length;
    if (k === 0) {
      return fitBaseRegression(kernels, timestamps, ys, layout, components2, robust);
    }
    const base = baseModel(layout, components2);
    const pBase = layoutWidth(base.layout);
    const holidays = holidayLayout(layout);
    const onHoliday = holidayMembership(kernels, timestamps, holidays);
    const ordinary = kernels.scaled(onHoliday, -1, false, null);
    kernels.addScaled(ordinary, new Float64Array(ordinary.length).fill(1), 1);
    const ordinaryTimes = kernels.scaled(timestamps, 1, false, ordinary);
    if (ordinaryTimes.length < MIN_ORDINARY_ROWS_PER_FEATURE * pBase || !(ordinaryTimes[ordinaryTimes.length - 1] > ordinaryTimes[0])) {
      const r = fitBaseRegression(kernels, timestamps, ys, base.layout, base.components, robust);
      const beta2 = new Float64Array(pBase + k);
      beta2.set(r.beta);
      return { ...r, beta: beta2, normal: void 0 };
    }
    const fitted = fitBaseRegression(
      kernels,
      ordinaryTimes,
      kernels.scaled(ys, 1, false, ordinary),
      base.layout,
      base.components,
      robust
    );
    const holidayComponents = components2.filter((c) => c.kind === "holiday");
    const multiplicative = holidayComponents.some((c) => c.multiplicative);
    const holidayTimes = kernels.scaled(timestamps, 1, false, onHoliday);
    const holidayBase = baseExpectation(kernels, holidayTimes, base.layout, base.components, fitted.beta);
    const departures2 = new Float64Array(holidayTimes.length);
    kernels.updateResiduals(kernels.scaled(ys, 1, false, onHoliday), holidayBase, departures2);
    const effects = fitHolidayEffects(
      kernels,
      holidayTimes,
      departures2,
      holidayDesign(kernels, holidayTimes, holidays, multiplicative, holidayBase),
      holidayComponents,
      multiplicative,
      fitted.sigma,
      robust
    );
    const beta = new Float64Array(pBase + k);
    beta.set(fitted.beta);
    beta.set(effects.effects, pBase);
    const merge = (ordinaryValues, holidayValues) => mergeByTime(
      kernels,
      { timestamps: ordinaryTimes, values: ordinaryValues },
      { timestamps: holidayTimes, values: holidayValues }
    );
    return {
      beta,
      residuals: merge(fitted.residuals, effects.residuals),
      weights: merge(fitted.weights, effects.weights),
      sigma: fitted.sigma,
      holdout: fitted.holdout,
      forecastErrors: fitted.forecastErrors
    };
  }
  function fitBaseRegression(kernels, timestamps, ys, layout, components2, robust) {
    const n = timestamps.length;
    const p = layoutWidth(layout);
    const trend = components2[0];
    const multiplicativeColumns = multiplicativeColumnsOf(components2);
    const rounds = multiplicativeColumns.length > 0 ? 1 + MULTIPLICATIVE_ROUNDS : 1;
    const reweight = robust && n >= MIN_POINTS_PER_FEATURE_FOR_ROBUST * p;
    const [ysMin, ysMax] = kernels.quantiles(ys, Float64Array.of(0, 1));
    const sigmaFloor = SIGMA_FLOOR_SHARE * (ysMax - ysMin);
    const weights = new Float64Array(n).fill(1);
    const deficit = new Float64Array(n);
    let downweighted = 0;
    let sigma = initialSigma(ys, kernels);
    let beta = new Float64Array(p);
    let residuals = ys.slice();
    let X = kernels.designMatrix(timestamps, layout);
    const holdoutStart = holdoutStartIndex(n, p);
    const origins = forecastOrigins(n, p);
    let lastPrefixes = [];
    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        const trendNow = kernels.multiply(X, n, p, beta, trend.from, trend.to);
        X = kernels.designMatrix(timestamps, layout, {
          columns: multiplicativeColumns,
          row_scale: trendNow
        });
      }
      lastPrefixes = prefixSystems(kernels, X, n, p, ys, origins);
      const full = lastPrefixes[lastPrefixes.length - 1];
      let firstIteration = round === 0;
      for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
        const A = full.gram.slice();
        const b = full.xty.slice();
        if (downweighted > 0) {
          subtractDownweighted(kernels, X, n, p, ys, deficit, A, b);
        }
        addPriors(A, p, components2, beta, sigma, firstIteration);
        firstIteration = false;
        const next = kernels.solveSpd(A, b, p);
        const change = kernels.updateResiduals(ys, kernels.multiply(X, n, p, next), residuals);
        beta = next;
        const newSigma = residualScale(residuals, kernels);
        if (!(newSigma > 0)) {
          break;
        }
        sigma = newSigma;
        if (reweight) {
          downweighted = kernels.hampelWeights(residuals, Math.max(sigma, sigmaFloor), weights, deficit, HAMPEL_KNEES);
        }
        if (iteration + 1 >= MIN_ITERATIONS && change < TOLERANCE * sigma) {
          break;
        }
      }
    }
    const prefixFit = (k) => prefixCoefficients(kernels, X, p, ys, downweighted > 0 ? deficit : null, components2, beta, sigma, {
      ...lastPrefixes[k],
      start: origins[k]
    });
    const errors = origins.map((origin, k) => residualsFrom(kernels, X, n, p, ys, prefixFit(k), origin));
    const holdoutIndex = origins.indexOf(holdoutStart);
    let holdout2 = null;
    if (holdoutIndex >= 0) {
      const inSample = new Float64Array(n - holdoutStart);
      kernels.updateResiduals(
        ys.subarray(holdoutStart),
        kernels.multiply(X.subarray(holdoutStart * p), n - holdoutStart, p, beta),
        inSample
      );
      holdout2 = { start: holdoutStart, outOfSample: errors[holdoutIndex], inSample };
    }
    const forecastErrors = origins.length > 0 ? { timestamps, weights, origins, errors } : null;
    const lastFull = lastPrefixes.length > 0 ? lastPrefixes[lastPrefixes.length - 1] : null;
    let normal;
    if (lastFull !== null && rounds === 1) {
      const gram = lastFull.gram.slice();
      const xty = lastFull.xty.slice();
      if (downweighted > 0) {
        subtractDownweighted(kernels, X, n, p, ys, deficit, gram, xty);
      }
      normal = { gram, xty, weightScale: reweight ? Math.max(sigma, sigmaFloor) : 0 };
    }
    return { beta, residuals, weights, sigma, holdout: holdout2, forecastErrors, normal };
  }
  function prefixSystems(kernels, X, n, p, ys, origins) {
    const out = [];
    let from = 0;
    let total = null;
    for (const to of [...origins, n]) {
      const part = kernels.weightedGram(X.subarray(from * p), to - from, p, ys.subarray(from), null);
      total = total === null ? part : { gram: sum(kernels, total.gram, part.gram), xty: sum(kernels, total.xty, part.xty) };
      out.push(total);
      from = to;
    }
    return out;
  }
  function prefixCoefficients(kernels, X, p, ys, deficit, components2, beta, sigma, head) {
    const A = head.gram.slice();
    const b = head.xty.slice();
    if (deficit !== null) {
      subtractDownweighted(kernels, X, head.start, p, ys, deficit, A, b);
    }
    addPriors(A, p, components2, beta, sigma, false);
    return kernels.solveSpd(A, b, p);
  }
  function residualsFrom(kernels, X, n, p, ys, coefficients, start) {
    const out = new Float64Array(n - start);
    kernels.updateResiduals(ys.subarray(start), kernels.multiply(X.subarray(start * p), n - start, p, coefficients), out);
    return out;
  }
  function sum(kernels, a, b) {
    const out = a.slice();
    kernels.addScaled(out, b, 1);
    return out;
  }
  function subtractDownweighted(kernels, X, n, p, ys, deficit, A, b) {
    const part = kernels.weightedGram(X, n, p, ys, deficit);
    kernels.addScaled(A, part.gram, -1);
    kernels.addScaled(b, part.xty, -1);
  }
  function addPriors(A, p, components2, beta, sigma, firstIteration) {
    const s2 = sigma * sigma;
    for (const c of components2) {
      for (let j = c.from; j < c.to; j++) {
        let lambda;
        if (c.kind === "trend") {
          const isRateChange = j >= c.from + 2;
          if (!isRateChange) {
            lambda = s2 / (TREND_BASE_PRIOR * TREND_BASE_PRIOR);
          } else if (firstIteration) {
            lambda = s2 / (2 * c.prior_scale * c.prior_scale);
          } else {
            lambda = s2 / (c.prior_scale * Math.max(Math.abs(beta[j]), L1_EPSILON));
          }
        } else {
          lambda = s2 / (c.prior_scale * c.prior_scale);
        }
        A[j * p + j] += lambda;
      }
    }
  }

  // src/model/uncertainty.ts
  function bandFromResiduals(kernels, residualsScaled, weights, resolution, yScale, options) {
    var _a;
    const spread = residualSpread(kernels, residualsScaled, weights, resolution, yScale, options);
    const holdoutTail = options.holdout ? holdoutTailScale(kernels, options.holdout, yScale) : 0;
    return bandFromSpread(spread, (_a = options.inflation) != null ? _a : 1, holdoutTail);
  }
  function residualSpread(kernels, residualsScaled, weights, resolution, yScale, options) {
    const r = kernels.scaled(residualsScaled, yScale, false, weights);
    const n = r.length;
    if (n === 0) {
      throw new ModelInputError(
        "the model has no residuals to read its band from: no point could be compared with its forecast (too little history, or gaps as long as the period it compares over)"
      );
    }
    const alpha = 1 - options.interval_width;
    const z = normalQuantile(1 - alpha / 2);
    const dof = Math.max(n - options.n_features, n / 2, 1);
    const floor = Math.max(resolution, 1e-9 * yScale);
    const [bandLow, bandHigh] = kernels.quantiles(r, Float64Array.of(alpha / 2, 1 - alpha / 2));
    const alphaOut = 1 - options.outlier_width;
    const all = residualsScaled.length;
    const last = Math.max(all - 1, 1);
    const incidents = Math.floor(INCIDENT_SHARE * all);
    const rejected = all - n;
    const rejectedAbove = rejected > 0 ? positives(residualsScaled, kernels) - positives(r, kernels) : 0;
    const kAbove = Math.min(rejectedAbove, incidents);
    const kBelow = Math.min(rejected - rejectedAbove, incidents);
    const tailLevel = tailQuantileLevel(all);
    const sideLevel = tailLevel !== null && tailLevel >= MIN_SIDE_LEVEL ? tailLevel : null;
    const [outLow, outHigh, sideLow, sideHigh] = kernels.quantiles(
      residualsScaled,
      Float64Array.of(
        (kBelow + (last - kBelow) * (alphaOut / 2)) / last,
        (last - kAbove) * (1 - alphaOut / 2) / last,
        1 - (sideLevel != null ? sideLevel : 0.5),
        sideLevel != null ? sideLevel : 0.5
      )
    );
    const sideZ = sideLevel === null ? 0 : normalQuantile(sideLevel);
    const allAbs = kernels.scaled(residualsScaled, yScale, true, null);
    const burstLevel = (last - Math.min(kAbove + kBelow, incidents)) * BURST_QUANTILE / last;
    const [tailValue, burstValue] = all > 0 ? kernels.quantiles(allAbs, Float64Array.of(tailLevel != null ? tailLevel : 0, burstLevel)) : [0, 0];
    return {
      below: Math.max(0, -bandLow),
      above: Math.max(0, bandHigh),
      outlier_below: Math.max(0, -yScale * outLow),
      outlier_above: Math.max(0, yScale * outHigh),
      tail: tailLevel === null ? 0 : tailValue / normalQuantile(0.5 + tailLevel / 2),
      tail_below: sideZ > 0 ? Math.max(0, -yScale * sideLow) / sideZ : 0,
      tail_above: sideZ > 0 ? Math.max(0, yScale * sideHigh) / sideZ : 0,
      burst: burstValue / normalQuantile(0.5 + BURST_QUANTILE / 2),
      dof_inflation: Math.sqrt(Math.max(n, 1) / dof),
      floor,
      z,
      outlier_z: normalQuantile(1 - alphaOut / 2)
    };
  }
  function holdoutTailScale(kernels, holdoutScaled, yScale) {
    return holdoutScaled.length > 0 ? tailScale(kernels.scaled(holdoutScaled, yScale, true, null), kernels.quantile) : 0;
  }
  function bandFromSpread(s, holdoutInflation2, holdoutTail) {
    var _a, _b;
    const inflation = s.dof_inflation * holdoutInflation2;
    const below = s.below * inflation;
    const above = s.above * inflation;
    const tail = Math.max(s.tail * holdoutInflation2, holdoutTail);
    const tailBelow = Math.max(((_a = s.tail_below) != null ? _a : 0) * holdoutInflation2, tail);
    const tailAbove = Math.max(((_b = s.tail_above) != null ? _b : 0) * holdoutInflation2, tail);
    const burst = s.burst * inflation;
    return {
      band_below: Math.max(below, s.floor),
      band_above: Math.max(above, s.floor),
      scale_below: Math.max(below / s.z, tailBelow, s.floor),
      scale_above: Math.max(above / s.z, tailAbove, s.floor),
      z: s.z,
      outlier_below: Math.max(s.outlier_below * inflation, s.outlier_z * burst, below, s.floor),
      outlier_above: Math.max(s.outlier_above * inflation, s.outlier_z * burst, above, s.floor),
      outlier_z: s.outlier_z
    };
  }
  var BURST_QUANTILE = 0.99;
  var INCIDENT_SHARE = 0.01;
  function positives(values, kernels) {
    return kernels.scaled(values, 1, false, values).length;
  }
  var TAIL_QUANTILE = 0.999;
  var TAIL_IGNORED_POINTS = 5;
  var MIN_SIDE_LEVEL = 0.95;
  function tailQuantileLevel(n) {
    const q = Math.min(TAIL_QUANTILE, 1 - TAIL_IGNORED_POINTS / n);
    return q > 0.5 ? q : null;
  }
  function tailScale(absResiduals, quantileOf) {
    const q = tailQuantileLevel(absResiduals.length);
    return q === null ? 0 : quantileOf(absResiduals, q) / normalQuantile(0.5 + q / 2);
  }
  var MAX_HOLDOUT_INFLATION = 4;
  function holdoutInflation(kernels, holdout2) {
    if (holdout2 === null || holdout2.inSample.length === 0) {
      return 1;
    }
    const outside = kernels.scaled(holdout2.outOfSample, 1, true, null);
    const inside2 = kernels.scaled(holdout2.inSample, 1, true, null);
    let ratio = kernels.quantile(outside, 0.5) / kernels.quantile(inside2, 0.5);
    if (!Number.isFinite(ratio)) {
      ratio = mean(holdout2.outOfSample) / mean(holdout2.inSample);
    }
    return Number.isFinite(ratio) ? Math.min(MAX_HOLDOUT_INFLATION, Math.max(1, ratio)) : 1;
  }
  function mean(values) {
    let s = 0;
    for (let i = 0; i < values.length; i++) {
      s += values[i] < 0 ? -values[i] : values[i];
    }
    return s / values.length;
  }
  function trendVariance(u, horizonScaled) {
    if (horizonScaled <= 0 || u.rate === 0 || u.laplace_scale === 0) {
      return 0;
    }
    const b = u.laplace_scale;
    return u.rate * 2 * b * b * horizonScaled * horizonScaled * horizonScaled / 3;
  }
  var SCORE_HALF = 3;
  function judgeBand(r, nonnegative, raise) {
    var _a, _b;
    const below = (_a = raise == null ? void 0 : raise.below) != null ? _a : 1;
    const above = (_b = raise == null ? void 0 : raise.above) != null ? _b : 1;
    return {
      band_below: r.band_below,
      band_above: r.band_above,
      z: r.z,
      outlier_below: r.outlier_below * below,
      outlier_above: r.outlier_above * above,
      outlier_z: r.outlier_z,
      scale_below: r.scale_below * below,
      scale_above: r.scale_above * above,
      score_half: SCORE_HALF,
      floor: nonnegative ? 0 : -Infinity
    };
  }
  function trendUncertainty(beta, trend) {
    const deltas = beta.subarray(trend.from + 2, trend.to);
    let meanAbsDelta = 0;
    for (const d of deltas) {
      meanAbsDelta += Math.abs(d);
    }
    meanAbsDelta = deltas.length > 0 ? meanAbsDelta / deltas.length : 0;
    return { rate: deltas.length, laplace_scale: meanAbsDelta };
  }

  // src/model/incremental.ts
  var DAY_MS5 = 864e5;
  var FULL_REFIT_MS = 7 * DAY_MS5;
  var MAX_SLIDE = 0.25;
  var MAX_SOLVES = 10;
  var TOLERANCE2 = 1e-4;
  var MAX_RECENT_ROWS = 288;
  var UpdateRefused = class extends ModelInputError {
    constructor(reason) {
      super(`cannot update the model (${reason}); fit it again`);
      this.name = "UpdateRefused";
    }
  };
  function updateRefusal(params, layout, components2) {
    if (layout.indicators.length > 0 || params.holidays.length > 0 || params.country_holidays.length > 0) {
      return "holiday effects are fitted apart from the rest";
    }
    if (components2.some((c) => c.multiplicative)) {
      return "multiplicative seasonality depends on the trend";
    }
    if (params.conditions.length > 0 || layout.fourier.some((f) => {
      var _a, _b;
      return ((_b = (_a = f.active) == null ? void 0 : _a.flip.length) != null ? _b : 0) > 0;
    })) {
      return "conditional seasonalities are placed by the training window";
    }
    if (params.false_alarms.length > 0) {
      return "labelled false alarms are judged against the whole history";
    }
    return null;
  }
  function initialState(kernels, result, p, timestamps, spread, gross) {
    var _a, _b, _c, _d, _e, _f;
    const weights = result.weights;
    const deficit = new Float64Array(weights.length).fill(1);
    kernels.addScaled(deficit, weights, -1);
    const lightTimes = kernels.scaled(timestamps, 1, false, deficit);
    const lightWeights = kernels.scaled(weights, 1, false, deficit);
    const holdoutStart = (_b = (_a = result.holdout) == null ? void 0 : _a.start) != null ? _b : timestamps.length;
    const start = Math.max(holdoutStart, timestamps.length - MAX_RECENT_ROWS);
    return {
      version: INCREMENTAL_VERSION,
      gram: packUpper(result.normal.gram, p, kernels),
      xty: result.normal.xty.slice(),
      sigma: result.sigma,
      weight_scale: result.normal.weightScale,
      gross_center: gross.center,
      gross_limit: gross.limit,
      light_times: lightTimes,
      light_weights: lightWeights,
      spread,
      recent_out: (_d = (_c = result.holdout) == null ? void 0 : _c.outOfSample.slice(start - holdoutStart)) != null ? _d : new Float64Array(0),
      recent_in: (_f = (_e = result.holdout) == null ? void 0 : _e.inSample.slice(start - holdoutStart)) != null ? _f : new Float64Array(0),
      recent_capacity: timestamps.length - start,
      recent_scale: result.holdout === null ? 0 : medianAbs(kernels, result.holdout.inSample.subarray(start - holdoutStart)),
      fitted_end: timestamps[timestamps.length - 1]
    };
  }
  function solveWithPriors(kernels, gram, xty, p, components2, sigma, start) {
    let beta = start;
    for (let solve = 0; solve < MAX_SOLVES; solve++) {
      const A = gram.slice();
      addPriors(A, p, components2, beta, sigma, false);
      const next = kernels.solveSpd(A, xty, p);
      let moved = 0;
      for (let j = 0; j < p; j++) {
        moved += Math.abs(next[j] - beta[j]);
      }
      beta = next;
      if (moved < TOLERANCE2 * sigma) {
        break;
      }
    }
    return beta;
  }
  function trainingPoints(points, exclude, kernels) {
    if (points.timestamps.length !== points.values.length) {
      throw new ModelInputError(
        `the update has ${points.timestamps.length} timestamps but ${points.values.length} values`
      );
    }
    const ts = points.timestamps instanceof Float64Array ? points.timestamps : Float64Array.from(points.timestamps);
    const bad2 = kernels.firstNonFinite(ts);
    if (bad2 >= 0) {
      throw new ModelInputError(`the update's timestamp at index ${bad2} is not a finite number`);
    }
    const outT = new Float64Array(ts.length);
    const outV = new Float64Array(ts.length);
    const ys = points.values instanceof Float64Array ? points.values : Float64Array.from(points.values);
    const kept = kernels.trainingRows(ts, ys, flatRanges(exclude), outT, outV);
    return { times: outT.subarray(0, kept), ys: outV.subarray(0, kept) };
  }
  function grossMask(values, state) {
    const keep = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      keep[i] = state.gross_limit - Math.abs(values[i] - state.gross_center) > 0 ? 1 : 0;
    }
    return keep;
  }
  function accumulate(kernels, X, ys, weights, p, factor, gram, xty) {
    const part = kernels.weightedGram(X, ys.length, p, ys, weights);
    kernels.addScaled(gram, part.gram, factor);
    kernels.addScaled(xty, part.xty, factor);
  }
  function droppedWeights(times, keep, state) {
    const w = new Float64Array(times.length);
    let k = 0;
    for (let i = 0; i < times.length; i++) {
      while (k < state.light_times.length && state.light_times[k] < times[i]) {
        k++;
      }
      if (keep[i] === 0) {
        continue;
      }
      if (k < state.light_times.length && state.light_times[k] === times[i]) {
        w[i] = state.light_weights[k++];
      } else {
        w[i] = 1;
      }
    }
    return w;
  }
  function count(mask) {
    let n = 0;
    for (let i = 0; i < mask.length; i++) {
      n += mask[i] > 0 ? 1 : 0;
    }
    return n;
  }
  function checkChange(fitted, state, added, dropped, windowStart) {
    if (added.length > 0 && !(added[0] > fitted.history_end)) {
      throw new ModelInputError(
        `the update's new points must come after the model's history, which ends at ${fitted.history_end} ms`
      );
    }
    if (!Number.isFinite(windowStart) || windowStart < fitted.history_start) {
      throw new ModelInputError(
        `the update's window start must be at or after the history's start (${fitted.history_start} ms)`
      );
    }
    const end = added.length > 0 ? added[added.length - 1] : fitted.history_end;
    if (windowStart > end) {
      throw new ModelInputError(`the update's window start must be at or before the history's end (${end} ms)`);
    }
    if (dropped.length > 0 && !(dropped[0] >= fitted.history_start && dropped[dropped.length - 1] < windowStart)) {
      throw new ModelInputError("the update drops points outside the history before the new window start");
    }
    if (end - state.fitted_end > FULL_REFIT_MS) {
      throw new UpdateRefused("a full refit is due: the last one ended more than 7 days before the new points");
    }
    if ((end - fitted.layout.t0) / fitted.layout.t_scale > 1 + MAX_SLIDE) {
      throw new UpdateRefused("the window has moved past the range the trend's changepoints were placed for");
    }
    const history = { start: fitted.history_start, end: fitted.history_end, points: fitted.n_train };
    if (anyOnWeekend(fitted.params, added) && leavesWeekendToRefit(fitted.params, history)) {
      throw new UpdateRefused("a first weekend is learned by a full fit, once training holds a whole weekend day");
    }
  }
  function update(fitted, change, params, kernels = typescriptKernels) {
    var _a;
    const p = layoutWidth(fitted.layout);
    const state = decodeState(fitted.incremental, p, kernels);
    if (state === void 0) {
      throw new UpdateRefused("the model carries no update statistics of this version");
    }
    if (params !== void 0 && JSON.stringify(resolveParams(params)) !== JSON.stringify(fitted.params)) {
      throw new UpdateRefused("the parameters differ from the fit");
    }
    const reason = updateRefusal(fitted.params, fitted.layout, fitted.components);
    if (reason !== null) {
      throw new UpdateRefused(reason);
    }
    const exclude = fitted.params.exclude;
    const added = trainingPoints(change.added, exclude, kernels);
    const dropped = trainingPoints(change.dropped, exclude, kernels);
    checkChange(fitted, state, added.times, dropped.times, change.windowStart);
    const yScale = fitted.y_scale;
    const gram = unpackUpper(state.gram, p);
    const xty = state.xty.slice();
    const addedKeep = grossMask(added.ys, state);
    const addedYs = kernels.scaled(added.ys, 1 / yScale, false, null);
    const Xa = kernels.designMatrix(added.times, fitted.layout);
    const outOfSample = new Float64Array(added.times.length);
    kernels.updateResiduals(addedYs, kernels.multiply(Xa, added.times.length, p, fitted.beta), outOfSample);
    const addedWeights = new Float64Array(added.times.length).fill(1);
    if (state.weight_scale > 0) {
      kernels.hampelWeights(
        outOfSample,
        state.weight_scale,
        addedWeights,
        new Float64Array(added.times.length),
        HAMPEL_KNEES
      );
    }
    for (let i = 0; i < addedWeights.length; i++) {
      addedWeights[i] *= addedKeep[i];
    }
    accumulate(kernels, Xa, addedYs, addedWeights, p, 1, gram, xty);
    const droppedKeep = grossMask(dropped.ys, state);
    const Xd = kernels.designMatrix(dropped.times, fitted.layout);
    const droppedYs = kernels.scaled(dropped.ys, 1 / yScale, false, null);
    accumulate(kernels, Xd, droppedYs, droppedWeights(dropped.times, droppedKeep, state), p, -1, gram, xty);
    const addedKept = count(addedKeep);
    const droppedKept = count(droppedKeep);
    const nTrain = fitted.n_train + addedKept - droppedKept;
    if (nTrain < 3 * p) {
      throw new UpdateRefused(`the window would keep ${nTrain} points for ${p} features`);
    }
    const beta = solveWithPriors(kernels, gram, xty, p, fitted.components, state.sigma, fitted.beta);
    if (kernels.firstNonFinite(beta) >= 0) {
      throw new UpdateRefused("its update statistics are damaged");
    }
    const inSample = new Float64Array(added.times.length);
    kernels.updateResiduals(addedYs, kernels.multiply(Xa, added.times.length, p, beta), inSample);
    const next = nextState(kernels, state, { gram: packUpper(gram, p, kernels), xty }, change.windowStart, added, {
      keep: addedKeep,
      weights: addedWeights,
      outOfSample,
      inSample
    });
    return {
      ...fitted,
      beta,
      history_start: change.windowStart,
      history_end: added.times.length > 0 ? added.times[added.times.length - 1] : fitted.history_end,
      n_train: nTrain,
      n_gross: ((_a = fitted.n_gross) != null ? _a : 0) + (added.ys.length - addedKept) - (dropped.ys.length - droppedKept),
      residuals: recentBand(kernels, fitted, next),
      trend_uncertainty: trendUncertainty(beta, fitted.components[0]),
      incremental: encodeState(next, kernels)
    };
  }
  function nextState(kernels, state, normal, windowStart, added, rows) {
    const light = rows.keep.slice();
    kernels.addScaled(light, rows.weights, -1);
    let stays = 0;
    while (stays < state.light_times.length && state.light_times[stays] < windowStart) {
      stays++;
    }
    const recent2 = (old, values) => joined(old, kernels.scaled(values, 1, false, rows.keep), state.recent_capacity);
    return {
      ...state,
      gram: normal.gram,
      xty: normal.xty,
      light_times: joined(state.light_times.subarray(stays), kernels.scaled(added.times, 1, false, light), Infinity),
      light_weights: joined(state.light_weights.subarray(stays), kernels.scaled(rows.weights, 1, false, light), Infinity),
      recent_out: recent2(state.recent_out, rows.outOfSample),
      recent_in: recent2(state.recent_in, rows.inSample)
    };
  }
  function joined(a, b, most) {
    const all = new Float64Array(a.length + b.length);
    all.set(a);
    all.set(b, a.length);
    return all.length > most ? all.slice(all.length - most) : all;
  }
  function medianAbs(kernels, values) {
    return values.length > 0 ? kernels.quantile(kernels.scaled(values, 1, true, null), 0.5) : 0;
  }
  var MAX_LEVEL_CHANGE = 4;
  function recentBand(kernels, fitted, state) {
    if (state.recent_out.length === 0) {
      return bandFromSpread(state.spread, 1, 0);
    }
    const inSample = state.recent_in;
    const ratio = medianAbs(kernels, inSample) / state.recent_scale;
    const level = Number.isFinite(ratio) && ratio > 0 ? Math.min(MAX_LEVEL_CHANGE, Math.max(1 / MAX_LEVEL_CHANGE, ratio)) : 1;
    const s = state.spread;
    const spread = {
      ...s,
      below: s.below * level,
      above: s.above * level,
      outlier_below: s.outlier_below * level,
      outlier_above: s.outlier_above * level,
      tail: s.tail * level,
      ...s.tail_below === void 0 ? {} : { tail_below: s.tail_below * level },
      ...s.tail_above === void 0 ? {} : { tail_above: s.tail_above * level },
      burst: s.burst * level
    };
    const inflation = holdoutInflation(kernels, { outOfSample: state.recent_out, inSample });
    return bandFromSpread(spread, inflation, holdoutTailScale(kernels, state.recent_out, fitted.y_scale));
  }

  // src/model/judgedPrediction.ts
  function valuesToJudge(values, n) {
    if (values === void 0) {
      return null;
    }
    if (values.length !== n) {
      throw new ModelInputError(`timestamps (${n}) and values (${values.length}) differ in length`);
    }
    return values instanceof Float64Array ? values : Float64Array.from(values);
  }
  function emptyJudgement(n) {
    return {
      yhat: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n),
      outlier: new Int8Array(n),
      score: new Float64Array(n)
    };
  }
  function judgedPrediction(kernels, fitted, timestamps, yhat, values, extraVariance, components2) {
    const n = timestamps.length;
    const judged = emptyJudgement(n);
    kernels.judge(
      yhat,
      values,
      extraVariance,
      judgeBand(fitted.residuals, fitted.nonnegative, fitted.false_alarm_raise),
      judged
    );
    const { trend, seasonal = {}, holidays = new Float64Array(n) } = components2(judged.yhat);
    return {
      timestamps,
      yhat: judged.yhat,
      yhat_lower: judged.lower,
      yhat_upper: judged.upper,
      outlier: judged.outlier,
      score: judged.score,
      trend,
      seasonal,
      holidays
    };
  }

  // src/model/forecaster.ts
  function scaleOf(values, kernels) {
    const abs = kernels.scaled(values, 1, true, null);
    const q = kernels.quantile(abs, 0.99);
    if (q > 0) {
      return q;
    }
    const max = kernels.quantile(abs, 1);
    return max > 0 ? max : 1;
  }
  function halfResolution(values, kernels) {
    const gaps = kernels.differences(values, true, true);
    return gaps.length > 0 ? kernels.quantile(gaps, 0) / 2 : 0;
  }
  function smallestSpacing2(timestamps, kernels) {
    const gaps = kernels.differences(timestamps, false, true);
    return gaps.length > 0 ? kernels.quantile(gaps, 0) : Infinity;
  }
  function shortestSeason(layout) {
    let best = null;
    for (const f of layout.fourier) {
      best = best === null ? f.period_ms : Math.min(best, f.period_ms);
    }
    return best;
  }
  function planByDayKind(timestamps, params, traits, pooled) {
    const hasDaily = (plan) => plan.components.some((c) => c.kind === "seasonality" && c.name === "daily");
    if (!hasDaily(pooled)) {
      return null;
    }
    try {
      const plan = planFeatures(timestamps, params, { ...traits, splitDaily: true });
      checkDesignValues(timestamps.length, layoutWidth(plan.layout));
      return hasDaily(plan) ? null : plan;
    } catch (e) {
      if (e instanceof ModelInputError) {
        return null;
      }
      throw e;
    }
  }
  function fit(timestamps, values, params = {}, kernels = typescriptKernels, updatable = true, shared) {
    var _a, _b, _c, _d, _e;
    const resolved = resolveParams(params);
    resolved.model = "decomposition";
    const selected = (_a = shared == null ? void 0 : shared.select(timestamps, values, resolved.exclude, kernels)) != null ? _a : selectTrainingData(timestamps, values, resolved.exclude, kernels);
    const keep = keptBeforeUnlearnedWeekend(resolved, selected.timestamps);
    const train = keep === selected.timestamps.length ? (_b = shared == null ? void 0 : shared.screen(selected)) != null ? _b : screenGrossValues(selected, kernels) : screenGrossValues(
      { timestamps: selected.timestamps.slice(0, keep), values: selected.values.slice(0, keep) },
      kernels
    );
    if (train.timestamps.length < 2 || !(train.timestamps[train.timestamps.length - 1] > train.timestamps[0])) {
      throw new ModelInputError("the series needs at least two distinct timestamps with ordinary values");
    }
    const neverNegative = train.min >= 0;
    const spacing = smallestSpacing2(train.timestamps, kernels);
    const traits = { spacing, nonNegative: neverNegative };
    const yScale = (_c = shared == null ? void 0 : shared.statistic("scale", train.values, (v) => scaleOf(v, kernels))) != null ? _c : scaleOf(train.values, kernels);
    const ys = kernels.scaled(train.values, 1 / yScale, false, null);
    const fitPlan = (plan2) => {
      checkDesignValues(train.timestamps.length, layoutWidth(plan2.layout));
      return fitRegression(kernels, train.timestamps, ys, plan2.layout, plan2.components, resolved.robust);
    };
    let plan = planFeatures(train.timestamps, resolved, traits);
    let result = fitPlan(plan);
    const splitPlan = resolved.daily_seasonality_by_day_kind === "auto" ? planByDayKind(train.timestamps, resolved, traits, plan) : null;
    if (splitPlan !== null && ((_d = dayKindEvidence(kernels, train.timestamps, result.residuals, result.weights, result.sigma, resolved, spacing)) == null ? void 0 : _d.split) === true) {
      plan = splitPlan;
      result = fitPlan(plan);
    }
    const spread = residualSpread(
      kernels,
      result.residuals,
      result.weights,
      (_e = shared == null ? void 0 : shared.statistic("resolution", train.values, (v) => halfResolution(v, kernels))) != null ? _e : halfResolution(train.values, kernels),
      yScale,
      {
        interval_width: resolved.interval_width,
        outlier_width: resolved.outlier_width,
        n_features: layoutWidth(plan.layout)
      }
    );
    const residuals = bandFromSpread(
      spread,
      holdoutInflation(kernels, result.holdout),
      result.holdout ? holdoutTailScale(kernels, result.holdout.outOfSample, yScale) : 0
    );
    const normal = result.normal;
    const incremental = (
      // Stuck runs are told by their neighbours, which an update's window edges cut: a fit that left one out, or whose
      // training ends in one it will leave out once it ends, is refitted instead; so is one that left out a first
      // weekend in progress (it is learned once whole).
      updatable && keep === selected.timestamps.length && train.stuck === 0 && !train.endsStuck && normal !== void 0 && updateRefusal(resolved, plan.layout, plan.components) === null ? encodeState(
        initialState(kernels, { ...result, normal }, layoutWidth(plan.layout), train.timestamps, spread, train),
        kernels
      ) : void 0
    );
    return {
      family: "decomposition",
      version: 3,
      params: resolved,
      layout: plan.layout,
      components: plan.components,
      beta: result.beta,
      y_scale: yScale,
      history_start: train.timestamps[0],
      history_end: train.timestamps[train.timestamps.length - 1],
      n_train: train.timestamps.length,
      n_gross: train.gross,
      residuals,
      nonnegative: resolved.nonnegative === "auto" ? neverNegative : resolved.nonnegative,
      trend_uncertainty: trendUncertainty(result.beta, plan.components[0]),
      horizon_growth: horizonGrowth(kernels, result.forecastErrors, yScale, resolved.interval_width),
      sustained: learnSustained(kernels, result.forecastErrors, yScale, resolved.sustained_points, residuals),
      residual_memory: learnResidualMemory(
        kernels,
        train.timestamps,
        kernels.scaled(result.residuals, yScale, false, null),
        result.weights,
        shortestSeason(plan.layout)
      ),
      ...incremental === void 0 ? {} : { incremental }
    };
  }
  function futureAdjustments(fitted, ts, kernels) {
    const n = ts.length;
    if (n === 0 || !(kernels.quantile(ts, 1) > fitted.history_end)) {
      return null;
    }
    const carry = new Float64Array(n);
    const variance = new Float64Array(n);
    const yScale2 = fitted.y_scale * fitted.y_scale;
    const r = fitted.residuals;
    const reference = Math.pow((r.band_below + r.band_above) / (2 * r.z), 2);
    for (let i = 0; i < n; i++) {
      const after = ts[i] - fitted.history_end;
      if (after > 0) {
        carry[i] = residualCarry(fitted.residual_memory, after);
        variance[i] = fitted.horizon_growth === null ? trendVariance(fitted.trend_uncertainty, after / fitted.layout.t_scale) * yScale2 : Math.max(0, growthVariance(fitted.horizon_growth, after) - reference);
      }
    }
    return { carry, variance };
  }
  function holidayContribution(kernels, fitted, ts, X, base) {
    const n = ts.length;
    const first = fitted.components.find((c) => c.kind === "holiday");
    if (first === void 0) {
      return new Float64Array(n);
    }
    const p = layoutWidth(fitted.layout);
    if (!first.multiplicative) {
      return kernels.scaled(kernels.multiply(X, n, p, fitted.beta, first.from, p), fitted.y_scale, false, null);
    }
    const k = p - first.from;
    const effects = new Float64Array(k + 1);
    effects.set(fitted.beta.subarray(first.from), 1);
    return kernels.multiply(holidayDesign(kernels, ts, holidayLayout(fitted.layout), true, base), n, k + 1, effects);
  }
  function sumVariances(kernels, a, b) {
    if (a === null || b === null) {
      return a != null ? a : b;
    }
    kernels.addScaled(a, b, 1);
    return a;
  }
  function predict(fitted, timestamps, values, kernels = typescriptKernels) {
    const ts = toTimestamps(timestamps, kernels);
    const n = ts.length;
    const p = layoutWidth(fitted.layout);
    checkDesignValues(n, p);
    const X = kernels.designMatrix(ts, fitted.layout);
    const yScale = fitted.y_scale;
    const trendScaled = kernels.multiply(X, n, p, fitted.beta, fitted.components[0].from, fitted.components[0].to);
    const trend = kernels.scaled(trendScaled, yScale, false, null);
    const seasonal = {};
    const yhat = trend.slice();
    for (const c of fitted.components) {
      if (c.kind !== "seasonality") {
        continue;
      }
      let part = kernels.multiply(X, n, p, fitted.beta, c.from, c.to);
      if (c.multiplicative) {
        for (let i = 0; i < n; i++) {
          part[i] = part[i] * trend[i];
        }
      } else {
        part = kernels.scaled(part, yScale, false, null);
      }
      kernels.addScaled(yhat, part, 1);
      seasonal[c.name] = part;
    }
    const holidays = holidayContribution(kernels, fitted, ts, X, yhat);
    const unseen = unseenDayVariance(
      fitted.params,
      fitted.components,
      { start: fitted.history_start, end: fitted.history_end, points: fitted.n_train },
      ts,
      yhat
    );
    kernels.addScaled(yhat, holidays, 1);
    const future = futureAdjustments(fitted, ts, kernels);
    if (future !== null) {
      kernels.addScaled(yhat, future.carry, 1);
    }
    const extraVariance = sumVariances(kernels, future === null ? null : future.variance, unseen);
    return judgedPrediction(kernels, fitted, ts, yhat, valuesToJudge(values, n), extraVariance, () => ({
      trend,
      seasonal,
      holidays
    }));
  }

  // src/model/families/jsonNumbers.ts
  function finiteFloat64Text(value, kernels) {
    if (typeof value !== "string") {
      return null;
    }
    let values;
    try {
      values = kernels.decodeFloat64s(value);
    } catch (e) {
      return null;
    }
    return kernels.firstNonFinite(values) >= 0 ? null : values;
  }
  function finiteNumbers(value, limit = Infinity) {
    if (!Array.isArray(value) || value.length > limit) {
      return null;
    }
    const n = value.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = value[i];
      if (typeof x !== "number" || x - x !== 0) {
        return null;
      }
      out[i] = x;
    }
    return out;
  }
  function timeRunsCount(runs) {
    if (runs.length % 2 !== 1) {
      return null;
    }
    let count2 = 1;
    for (let r = 1; r < runs.length; r += 2) {
      if (!(runs[r] >= 0 && Number.isInteger(runs[r + 1]) && runs[r + 1] >= 1)) {
        return null;
      }
      count2 += runs[r + 1];
    }
    return count2;
  }
  var RESIDUAL_FIELDS = [
    "band_below",
    "band_above",
    "scale_below",
    "scale_above",
    "z",
    "outlier_below",
    "outlier_above",
    "outlier_z"
  ];
  var MAX_BAND = 1e250;
  function residualSummaryOf(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return null;
    }
    const out = {};
    for (const key of RESIDUAL_FIELDS) {
      const v = value[key];
      if (typeof v !== "number" || !(v >= 0 && v <= MAX_BAND)) {
        return null;
      }
      out[key] = v;
    }
    return out.z > 0 && out.outlier_z > 0 && out.scale_below > 0 && out.scale_above > 0 ? out : null;
  }
  var MAX_COEFFICIENT = 1e100;
  var MAX_SERIES_MAGNITUDE = 1e154;
  var MIN_TIME_SCALE_MS = 1e-6;
  var MIN_NORMAL = 22250738585072014e-324;
  function allWithin(values, bound) {
    for (let i = 0; i < values.length; i++) {
      if (!(Math.abs(values[i]) <= bound)) {
        return false;
      }
    }
    return true;
  }
  function within(value, bound) {
    return typeof value === "number" && Math.abs(value) <= bound;
  }
  function isTimeScale(value) {
    return typeof value === "number" && value >= MIN_TIME_SCALE_MS && value <= MAX_COEFFICIENT;
  }
  function isSeriesScale(value) {
    return typeof value === "number" && value >= MIN_NORMAL && value <= MAX_SERIES_MAGNITUDE;
  }

  // src/model/decompositionJson.ts
  var COMPONENT_KINDS = ["trend", "seasonality", "holiday"];
  var MAX_COLUMNS = 1e6;
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function finite(value) {
    return typeof value === "number" && value - value === 0;
  }
  function nonNegative(value) {
    return finite(value) && value >= 0;
  }
  function pairs(value) {
    const list = finiteNumbers(value);
    return list !== null && list.length % 2 === 0;
  }
  function layoutWidth2(layout) {
    if (!isObject(layout)) {
      return "layout is not an object";
    }
    if (!finite(layout.t0) || typeof layout.linear !== "boolean") {
      return "layout needs finite t0 and a boolean linear";
    }
    if (!isTimeScale(layout.t_scale)) {
      return `layout's t_scale must be a time scale from 1e-6 to 1e100 ms, got ${JSON.stringify(layout.t_scale)}`;
    }
    const changepoints = finiteNumbers(layout.changepoints_t);
    if (changepoints === null || !Array.isArray(layout.fourier) || !Array.isArray(layout.indicators)) {
      return "layout needs changepoints_t, fourier and indicators lists";
    }
    if (!allWithin(changepoints, MAX_COEFFICIENT)) {
      return `layout's changepoints_t must lie within \xB1${MAX_COEFFICIENT}`;
    }
    let width = layout.linear ? 2 + changepoints.length : 1;
    for (const block of layout.fourier) {
      if (!isObject(block) || !isTimeScale(block.period_ms)) {
        return "a Fourier block needs a period_ms from 1e-6 to 1e100 ms";
      }
      if (!(Number.isInteger(block.order) && block.order >= 0)) {
        return "a Fourier block needs a whole order \u2265 0";
      }
      const active = block.active;
      if (active !== void 0 && !(isObject(active) && finite(active.week_offset_ms) && pairs(active.week) && pairs(active.flip))) {
        return "a Fourier block has a malformed condition";
      }
      if (block.level !== void 0 && (typeof block.level !== "boolean" || block.level && active === void 0)) {
        return "a Fourier block has a level column without a condition";
      }
      width += 2 * block.order + (block.level === true ? 1 : 0);
    }
    for (const indicator of layout.indicators) {
      if (!isObject(indicator) || !pairs(indicator.intervals)) {
        return "a holiday indicator needs [start, end) pairs";
      }
    }
    width += layout.indicators.length;
    return width <= MAX_COLUMNS ? width : `layout describes ${width} columns`;
  }
  function componentsProblem(components2, width) {
    if (!Array.isArray(components2)) {
      return "components is not a list";
    }
    if (!isObject(components2[0]) || components2[0].kind !== "trend") {
      return "components must begin with the trend";
    }
    for (const c of components2) {
      const ok = isObject(c) && typeof c.name === "string" && COMPONENT_KINDS.includes(c.kind) && Number.isInteger(c.from) && Number.isInteger(c.to) && c.from >= 0 && c.from <= c.to && c.to <= width && nonNegative(c.prior_scale) && typeof c.multiplicative === "boolean";
      if (!ok) {
        return `component ${JSON.stringify(isObject(c) ? c.name : c)} does not fit the layout's ${width} columns`;
      }
    }
    return null;
  }
  function horizonGrowthProblem(growth) {
    if (growth === null) {
      return null;
    }
    const horizons = isObject(growth) ? finiteNumbers(growth.horizon_ms) : null;
    const variance = isObject(growth) ? finiteNumbers(growth.variance) : null;
    if (horizons === null || variance === null || horizons.length !== variance.length || variance.some((v) => v < 0)) {
      return "horizon_growth needs horizon_ms and variance lists of one length, variances \u2265 0";
    }
    return null;
  }
  function residualMemoryProblem(memory) {
    if (memory === null) {
      return null;
    }
    if (!isObject(memory) || !isTimeScale(memory.step_ms) || !within(memory.last_residual, MAX_SERIES_MAGNITUDE)) {
      return `residual_memory needs a step_ms from 1e-6 to 1e100 ms and a last_residual within \xB1${MAX_SERIES_MAGNITUDE}`;
    }
    const lags = finiteNumbers(memory.lags);
    const rho = finiteNumbers(memory.rho);
    if (lags === null || rho === null || lags.length !== rho.length) {
      return "residual_memory needs lags and rho lists of one length";
    }
    if (!allWithin(rho, MAX_COEFFICIENT)) {
      return `residual_memory's rho must lie within \xB1${MAX_COEFFICIENT}`;
    }
    const season = memory.season;
    if (season !== null) {
      const times = isObject(season) ? finiteNumbers(season.times) : null;
      const residuals = isObject(season) ? finiteNumbers(season.residuals) : null;
      if (!isObject(season) || !isTimeScale(season.period_ms) || !within(season.rho, MAX_COEFFICIENT) || times === null || residuals === null || times.length !== residuals.length || !allWithin(residuals, MAX_SERIES_MAGNITUDE)) {
        return "residual_memory has a malformed season (period_ms, rho, or residuals out of bounds)";
      }
    }
    return null;
  }
  function decompositionProblem(o) {
    var _a, _b, _c;
    const width = layoutWidth2(o.layout);
    if (typeof width === "string") {
      return width;
    }
    const beta = finiteNumbers(o.beta);
    if (beta === null || beta.length !== width) {
      return `beta must hold ${width} finite coefficients, one per design column`;
    }
    if (!allWithin(beta, MAX_COEFFICIENT)) {
      return `beta must hold coefficients within \xB1${MAX_COEFFICIENT}`;
    }
    const components2 = componentsProblem(o.components, width);
    if (components2 !== null) {
      return components2;
    }
    if (residualSummaryOf(o.residuals) === null) {
      return "residuals need finite band, scale and outlier widths \u2265 0, with positive scales";
    }
    if (!isSeriesScale(o.y_scale)) {
      return `y_scale must be a positive normal number up to ${MAX_SERIES_MAGNITUDE}, got ${JSON.stringify(o.y_scale)}`;
    }
    if (!finite(o.history_start) || !finite(o.history_end) || o.history_start > o.history_end) {
      return "history_start and history_end must be ordered times";
    }
    if (!(Number.isInteger(o.n_train) && o.n_train >= 0) || typeof o.nonnegative !== "boolean") {
      return "n_train must be a whole number and nonnegative a boolean";
    }
    const trend = o.trend_uncertainty;
    if (!isObject(trend) || !nonNegative(trend.rate) || !nonNegative(trend.laplace_scale) || !within(trend.rate, MAX_COEFFICIENT) || !within(trend.laplace_scale, MAX_COEFFICIENT)) {
      return `trend_uncertainty needs a rate and a laplace_scale from 0 to ${MAX_COEFFICIENT}`;
    }
    return (_c = horizonGrowthProblem((_a = o.horizon_growth) != null ? _a : null)) != null ? _c : residualMemoryProblem((_b = o.residual_memory) != null ? _b : null);
  }

  // src/model/families/storedParams.ts
  function checkStoredParams(params, what) {
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      throw new ModelInputError(`${what} is corrupt: params is not an object`);
    }
    const { exclude, false_alarms: falseAlarms, ...rest } = params;
    for (const [name, ranges] of [
      ["exclude", exclude],
      ["false_alarms", falseAlarms]
    ]) {
      if (ranges !== void 0 && !rangeList(ranges)) {
        throw new ModelInputError(
          `${what} is corrupt: its params: ${name} is not a list of at most ${MODEL_LIMITS.ranges} [start, end] pairs`
        );
      }
    }
    try {
      const resolved = resolveParams(rest);
      return Object.assign(
        resolved,
        exclude === void 0 ? {} : { exclude },
        falseAlarms === void 0 ? {} : { false_alarms: falseAlarms }
      );
    } catch (error) {
      if (error instanceof ModelInputError) {
        throw new ModelInputError(`${what} is corrupt: its params: ${error.message}`);
      }
      throw error;
    }
  }
  function rangeList(ranges) {
    if (!Array.isArray(ranges) || ranges.length > MODEL_LIMITS.ranges) {
      return false;
    }
    for (const r of ranges) {
      if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1])) {
        return false;
      }
    }
    return true;
  }

  // src/model/serialize.ts
  var FORMAT = "foresight-model";
  var MODEL_VERSION = 3;
  function toPlain(fitted) {
    return { format: FORMAT, ...fitted, beta: Array.from(fitted.beta) };
  }
  function fromPlain(raw) {
    const o = raw;
    if (o === null || typeof o !== "object" || o.format !== FORMAT) {
      throw new ModelInputError("serialized model has an unknown format");
    }
    if (o.version !== MODEL_VERSION) {
      throw new ModelInputError(
        typeof o.version === "number" && o.version < MODEL_VERSION ? `serialized model version ${o.version} was written by an older Foresight (this one reads version ${MODEL_VERSION}); fit the model again` : `serialized model version ${String(o.version)} is not supported (this Foresight reads version ${MODEL_VERSION})`
      );
    }
    if (!Array.isArray(o.beta) || !o.layout || !o.components || !o.residuals || !o.params) {
      throw new ModelInputError("serialized model is incomplete");
    }
    const problem = decompositionProblem(o);
    if (problem !== null) {
      throw new ModelInputError(`serialized model is corrupt: ${problem}`);
    }
    const params = checkStoredParams(o.params, "serialized model");
    if (o.sustained !== void 0 && o.sustained !== null && readSustained(o.sustained) === null) {
      throw new ModelInputError(
        `serialized model has an invalid sustained: it needs whole points from 1 to ${MAX_SUSTAINED_POINTS} and positive finite scales`
      );
    }
    const { format: _format, incremental: rawState, ...rest } = o;
    const fitted = {
      ...rest,
      family: "decomposition",
      params,
      beta: Float64Array.from(o.beta)
    };
    const current = (rawState == null ? void 0 : rawState.version) === INCREMENTAL_VERSION;
    return current ? { ...fitted, incremental: rawState } : fitted;
  }

  // src/model/evaluation/forecastModel.ts
  function foresightModel(kernels) {
    return {
      fit: (timestamps, values, params) => fitModel(timestamps, values, params, kernels),
      predict: (fitted, timestamps, values) => predictModel(fitted, timestamps, values, kernels)
    };
  }

  // src/model/evaluation/labels.ts
  function checkRanges2(value, name) {
    if (value === void 0) {
      return [];
    }
    if (!Array.isArray(value)) {
      throw new ModelInputError(`${name} must be a list of [from_ms, to_ms] pairs`);
    }
    return value.map((range, i) => {
      if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isFinite(v))) {
        throw new ModelInputError(`${name}[${i}] must be a [from_ms, to_ms] pair of numbers`);
      }
      const [from, to] = range;
      if (to < from) {
        throw new ModelInputError(`${name}[${i}] ends before it starts`);
      }
      return [from, to];
    });
  }
  function checkLabels(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ModelInputError('labels must be an object with "incidents" and "false_alarms" lists');
    }
    const o = value;
    for (const key of Object.keys(o)) {
      if (key !== "incidents" && key !== "false_alarms") {
        throw new ModelInputError(`labels has an unknown field "${key}" (known: incidents, false_alarms)`);
      }
    }
    return {
      incidents: checkRanges2(o.incidents, "labels.incidents"),
      false_alarms: checkRanges2(o.false_alarms, "labels.false_alarms")
    };
  }
  function labelledParams(params, labels) {
    var _a, _b;
    return {
      ...params,
      exclude: [...(_a = params.exclude) != null ? _a : [], ...labels.incidents],
      false_alarms: [...(_b = params.false_alarms) != null ? _b : [], ...labels.false_alarms]
    };
  }
  function touches(ranges, ms) {
    const hits = [];
    ranges.forEach((r, k) => {
      if (ms >= r[0] && ms <= r[1]) {
        hits.push(k);
      }
    });
    return hits;
  }
  function labelMetrics(folds, labels) {
    const heldOut = new Uint8Array(labels.incidents.length);
    const found = new Uint8Array(labels.incidents.length);
    let alarms = 0;
    let onFalseAlarms = 0;
    let inIncidents = 0;
    for (const fold of folds) {
      let inRun = false;
      let runInIncident = false;
      let runOnFalseAlarm = false;
      const closeRun = () => {
        if (inRun) {
          alarms++;
          inIncidents += runInIncident ? 1 : 0;
          onFalseAlarms += runOnFalseAlarm ? 1 : 0;
        }
        inRun = runInIncident = runOnFalseAlarm = false;
      };
      for (let i = 0; i < fold.ds.length; i++) {
        const incidents2 = touches(labels.incidents, fold.ds[i]);
        incidents2.forEach((k) => heldOut[k] = 1);
        if (fold.outlier[i] === 0) {
          closeRun();
          continue;
        }
        inRun = true;
        incidents2.forEach((k) => found[k] = 1);
        runInIncident || (runInIncident = incidents2.length > 0);
        runOnFalseAlarm || (runOnFalseAlarm = touches(labels.false_alarms, fold.ds[i]).length > 0);
      }
      closeRun();
    }
    const incidents = heldOut.reduce((s, v) => s + v, 0);
    const incidentsFound = found.reduce((s, v) => s + v, 0);
    return {
      incidents,
      incidents_found: incidentsFound,
      alarms,
      alarms_on_false_alarms: onFalseAlarms,
      alarms_in_incidents: inIncidents,
      precision: alarms > 0 ? inIncidents / alarms : null,
      recall: incidents > 0 ? incidentsFound / incidents : null
    };
  }

  // src/model/evaluation/scoredSeries.ts
  function scoredSeries(timestamps, values, exclude) {
    return selectTrainingData(timestamps, values, exclude);
  }

  // node_modules/d3-array/dist/d3-array.mjs
  function ascending(a, b) {
    return a == null || b == null ? NaN : a < b ? -1 : a > b ? 1 : a >= b ? 0 : NaN;
  }
  function descending(a, b) {
    return a == null || b == null ? NaN : b < a ? -1 : b > a ? 1 : b >= a ? 0 : NaN;
  }
  function bisector(f) {
    let compare1, compare2, delta;
    if (f.length !== 2) {
      compare1 = ascending;
      compare2 = (d, x) => ascending(f(d), x);
      delta = (d, x) => f(d) - x;
    } else {
      compare1 = f === ascending || f === descending ? f : zero;
      compare2 = f;
      delta = f;
    }
    function left(a, x, lo = 0, hi = a.length) {
      if (lo < hi) {
        if (compare1(x, x) !== 0) return hi;
        do {
          const mid = lo + hi >>> 1;
          if (compare2(a[mid], x) < 0) lo = mid + 1;
          else hi = mid;
        } while (lo < hi);
      }
      return lo;
    }
    function right(a, x, lo = 0, hi = a.length) {
      if (lo < hi) {
        if (compare1(x, x) !== 0) return hi;
        do {
          const mid = lo + hi >>> 1;
          if (compare2(a[mid], x) <= 0) lo = mid + 1;
          else hi = mid;
        } while (lo < hi);
      }
      return lo;
    }
    function center(a, x, lo = 0, hi = a.length) {
      const i = left(a, x, lo, hi - 1);
      return i > lo && delta(a[i - 1], x) > -delta(a[i], x) ? i - 1 : i;
    }
    return { left, center, right };
  }
  function zero() {
    return 0;
  }
  function number(x) {
    return x === null ? NaN : +x;
  }
  var ascendingBisect = bisector(ascending);
  var bisectRight = ascendingBisect.right;
  var bisectLeft = ascendingBisect.left;
  var bisectCenter = bisector(number).center;
  var blur2 = Blur2(blurf);
  var blurImage = Blur2(blurfImage);
  function Blur2(blur) {
    return function(data, rx, ry = rx) {
      if (!((rx = +rx) >= 0)) throw new RangeError("invalid rx");
      if (!((ry = +ry) >= 0)) throw new RangeError("invalid ry");
      let { data: values, width, height } = data;
      if (!((width = Math.floor(width)) >= 0)) throw new RangeError("invalid width");
      if (!((height = Math.floor(height !== void 0 ? height : values.length / width)) >= 0)) throw new RangeError("invalid height");
      if (!width || !height || !rx && !ry) return data;
      const blurx = rx && blur(rx);
      const blury = ry && blur(ry);
      const temp = values.slice();
      if (blurx && blury) {
        blurh(blurx, temp, values, width, height);
        blurh(blurx, values, temp, width, height);
        blurh(blurx, temp, values, width, height);
        blurv(blury, values, temp, width, height);
        blurv(blury, temp, values, width, height);
        blurv(blury, values, temp, width, height);
      } else if (blurx) {
        blurh(blurx, values, temp, width, height);
        blurh(blurx, temp, values, width, height);
        blurh(blurx, values, temp, width, height);
      } else if (blury) {
        blurv(blury, values, temp, width, height);
        blurv(blury, temp, values, width, height);
        blurv(blury, values, temp, width, height);
      }
      return data;
    };
  }
  function blurh(blur, T, S, w, h) {
    for (let y = 0, n = w * h; y < n; ) {
      blur(T, S, y, y += w, 1);
    }
  }
  function blurv(blur, T, S, w, h) {
    for (let x = 0, n = w * h; x < w; ++x) {
      blur(T, S, x, x + n, w);
    }
  }
  function blurfImage(radius) {
    const blur = blurf(radius);
    return (T, S, start, stop, step2) => {
      start <<= 2, stop <<= 2, step2 <<= 2;
      blur(T, S, start + 0, stop + 0, step2);
      blur(T, S, start + 1, stop + 1, step2);
      blur(T, S, start + 2, stop + 2, step2);
      blur(T, S, start + 3, stop + 3, step2);
    };
  }
  function blurf(radius) {
    const radius0 = Math.floor(radius);
    if (radius0 === radius) return bluri(radius);
    const t = radius - radius0;
    const w = 2 * radius + 1;
    return (T, S, start, stop, step2) => {
      if (!((stop -= step2) >= start)) return;
      let sum2 = radius0 * S[start];
      const s0 = step2 * radius0;
      const s1 = s0 + step2;
      for (let i = start, j = start + s0; i < j; i += step2) {
        sum2 += S[Math.min(stop, i)];
      }
      for (let i = start, j = stop; i <= j; i += step2) {
        sum2 += S[Math.min(stop, i + s0)];
        T[i] = (sum2 + t * (S[Math.max(start, i - s1)] + S[Math.min(stop, i + s1)])) / w;
        sum2 -= S[Math.max(start, i - s0)];
      }
    };
  }
  function bluri(radius) {
    const w = 2 * radius + 1;
    return (T, S, start, stop, step2) => {
      if (!((stop -= step2) >= start)) return;
      let sum2 = radius * S[start];
      const s = step2 * radius;
      for (let i = start, j = start + s; i < j; i += step2) {
        sum2 += S[Math.min(stop, i)];
      }
      for (let i = start, j = stop; i <= j; i += step2) {
        sum2 += S[Math.min(stop, i + s)];
        T[i] = sum2 / w;
        sum2 -= S[Math.max(start, i - s)];
      }
    };
  }
  var array = Array.prototype;
  var slice = array.slice;
  var e10 = Math.sqrt(50);
  var e5 = Math.sqrt(10);
  var e2 = Math.sqrt(2);
  var shuffle = shuffler(Math.random);
  function shuffler(random) {
    return function shuffle2(array2, i0 = 0, i1 = array2.length) {
      let m = i1 - (i0 = +i0);
      while (m) {
        const i = random() * m-- | 0, t = array2[m + i0];
        array2[m + i0] = array2[i + i0];
        array2[i + i0] = t;
      }
      return array2;
    };
  }

  // src/model/evaluation/withContext.ts
  function withContext(context, work) {
    try {
      return work();
    } catch (error) {
      if (error instanceof ModelInputError) {
        throw new ModelInputError(`${context}: ${error.message}`);
      }
      throw error;
    }
  }

  // src/model/evaluation/duration.ts
  function formatDuration(ms) {
    if (!Number.isFinite(ms)) {
      return String(ms);
    }
    const sign = ms < 0 ? "-" : "";
    let rest = Math.abs(ms);
    const units = [
      ["d", 864e5],
      ["h", 36e5],
      ["m", 6e4],
      ["s", 1e3]
    ];
    const parts = [];
    for (const [name, size] of units) {
      const count2 = Math.floor(rest / size);
      if (count2 > 0) {
        parts.push(`${count2}${name}`);
        rest -= count2 * size;
      }
    }
    if (rest > 0 || parts.length === 0) {
      parts.push(`${Math.round(rest * 1e3) / 1e3}ms`);
    }
    return sign + parts.join(" ");
  }

  // src/model/evaluation/windows.ts
  function resolveWindows(options) {
    var _a, _b;
    const { horizon } = options;
    if (!(Number.isFinite(horizon) && horizon > 0)) {
      throw new ModelInputError(`horizon must be a positive duration in ms, got ${String(horizon)}`);
    }
    const period = (_a = options.period) != null ? _a : horizon / 2;
    if (!(Number.isFinite(period) && period > 0)) {
      throw new ModelInputError(`period must be a positive duration in ms, got ${String(period)}`);
    }
    const initial = (_b = options.initial) != null ? _b : 3 * horizon;
    if (!(Number.isFinite(initial) && initial >= 0)) {
      throw new ModelInputError(`initial must be a duration \u2265 0 in ms, got ${String(initial)}`);
    }
    return { horizon, initial, period };
  }
  function describeWindows(w) {
    return `horizon ${formatDuration(w.horizon)}, initial ${formatDuration(w.initial)}, period ${formatDuration(w.period)}`;
  }

  // src/model/evaluation/crossValidation.ts
  var DEFAULT_MAX_FITS = 200;
  function crossValidateLabelled(timestamps, values, params, options) {
    var _a, _b, _c;
    const { horizon } = resolveWindows(options);
    const labels = options.labels === void 0 ? null : checkLabels(options.labels);
    const fitParams = labels === null ? params : labelledParams(params, labels);
    const series = scoredSeries(timestamps, values, resolveParams(fitParams).exclude);
    const judged = labels === null ? null : scoredSeries(timestamps, values, resolveParams(params).exclude);
    const maxFits = (_a = options.maxFits) != null ? _a : DEFAULT_MAX_FITS;
    const cutoffs = options.cutoffs ? checkedCutoffs(options.cutoffs) : planCutoffs(series.timestamps, { ...options, maxCutoffs: Math.min(maxFits, (_b = options.maxCutoffs) != null ? _b : Infinity) }).cutoffs;
    if (cutoffs.length > maxFits) {
      throw new ModelInputError(
        `cross-validation was given ${cutoffs.length} cutoffs, more than maxFits = ${maxFits} fits allow`
      );
    }
    const model = (_c = options.model) != null ? _c : foresightModel();
    const chunks = [];
    const folds = [];
    cutoffs.forEach((cutoff, k) => {
      var _a2;
      const fold = forecastAfterCutoff(model, series, judged, fitParams, cutoff, horizon);
      chunks.push(fold.rows);
      if (fold.judged !== null) {
        folds.push(fold.judged);
      }
      (_a2 = options.onProgress) == null ? void 0 : _a2.call(options, k + 1, cutoffs.length);
    });
    return { rows: concatRows(chunks), label_metrics: labels === null ? null : labelMetrics(folds, labels) };
  }
  function spacingNote(timestamps) {
    if (timestamps.length < 2) {
      return "";
    }
    const gaps = timestamps.subarray(1).map((t, i) => t - timestamps[i]);
    return ` (the points are about ${formatDuration(median(gaps))} apart)`;
  }
  function forecastAfterCutoff(model, series, judged, params, cutoff, horizon) {
    const trainEnd = bisectRight(series.timestamps, cutoff);
    const testEnd = bisectRight(series.timestamps, cutoff + horizon);
    if (trainEnd < 2) {
      throw new ModelInputError(
        `fewer than two points at or before cutoff ${isoTime(cutoff)}; increase initial${spacingNote(series.timestamps)}`
      );
    }
    const heldOut = judged === null ? null : heldOutPoints(judged, cutoff, horizon);
    if (testEnd === trainEnd && (heldOut === null || heldOut.timestamps.length === 0)) {
      return { rows: concatRows([]), judged: null };
    }
    const testTimes = series.timestamps.slice(trainEnd, testEnd);
    return withContext(`cutoff ${isoTime(cutoff)}`, () => {
      const fitted = model.fit(series.timestamps.slice(0, trainEnd), series.values.slice(0, trainEnd), params);
      const rows = testTimes.length === 0 ? concatRows([]) : forecastRows(model.predict(fitted, testTimes), testTimes, series.values.slice(trainEnd, testEnd), cutoff);
      return { rows, judged: heldOut === null ? null : judgeHeldOut(model, fitted, heldOut) };
    });
  }
  function forecastRows(forecast, testTimes, testValues, cutoff) {
    const count2 = testTimes.length;
    for (const column of ["yhat", "yhat_lower", "yhat_upper"]) {
      const out = forecast[column];
      for (let i = 0; i < count2; i++) {
        if (!Number.isFinite(out[i])) {
          throw new Error(
            `model returned a non-finite ${column} at ${isoTime(testTimes[i])} (cutoff ${isoTime(cutoff)})`
          );
        }
      }
    }
    return {
      cutoff: new Float64Array(count2).fill(cutoff),
      ds: testTimes,
      y: testValues,
      yhat: Float64Array.from(forecast.yhat),
      yhat_lower: Float64Array.from(forecast.yhat_lower),
      yhat_upper: Float64Array.from(forecast.yhat_upper)
    };
  }
  function heldOutPoints(judged, cutoff, horizon) {
    const from = bisectRight(judged.timestamps, cutoff);
    const to = bisectRight(judged.timestamps, cutoff + horizon);
    return { timestamps: judged.timestamps.slice(from, to), values: judged.values.slice(from, to) };
  }
  function judgeHeldOut(model, fitted, heldOut) {
    const ds = heldOut.timestamps;
    if (ds.length === 0) {
      return { ds, outlier: new Int8Array(0) };
    }
    const outlier = model.predict(fitted, ds, heldOut.values).outlier;
    if (outlier === void 0) {
      throw new ModelInputError("the model gives no outlier flags, which label metrics need");
    }
    return { ds, outlier };
  }
  function checkedCutoffs(cutoffs) {
    const list = Array.from(cutoffs);
    if (list.length === 0) {
      throw new ModelInputError("cutoffs is empty");
    }
    list.forEach((c, i) => {
      if (!Number.isFinite(c)) {
        throw new ModelInputError(`cutoff at index ${i} is not a finite number (${String(c)})`);
      }
    });
    return list.sort((a, b) => a - b);
  }
  function concatRows(chunks) {
    const total = chunks.reduce((sum2, chunk) => sum2 + chunk.ds.length, 0);
    const out = {
      cutoff: new Float64Array(total),
      ds: new Float64Array(total),
      y: new Float64Array(total),
      yhat: new Float64Array(total),
      yhat_lower: new Float64Array(total),
      yhat_upper: new Float64Array(total)
    };
    let offset = 0;
    for (const chunk of chunks) {
      for (const column of Object.keys(out)) {
        out[column].set(chunk[column], offset);
      }
      offset += chunk.ds.length;
    }
    return out;
  }
  function isoTime(ms) {
    return Number.isFinite(ms) && Math.abs(ms) <= 864e13 ? new Date(ms).toISOString() : String(ms);
  }

  // src/model/evaluation/serviceScore.ts
  var DEFAULT_SERVICE_TOLERANCE = 0.05;
  function serviceCost(stats, weight) {
    const magnitudePart = weight === 1 ? 0 : (1 - weight) * magnitudeOf(stats);
    return weight * stats.violationRate + magnitudePart;
  }
  function rankByService(candidates, options = {}) {
    var _a, _b;
    const priority = (_a = options.priority) != null ? _a : "count";
    const tolerance = (_b = options.tolerance) != null ? _b : DEFAULT_SERVICE_TOLERANCE;
    if (priority !== "count" && priority !== "magnitude") {
      throw new ModelInputError(`priority must be "count" or "magnitude", got ${JSON.stringify(priority)}`);
    }
    if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
      throw new ModelInputError(`tolerance must be a number \u2265 0, got ${String(tolerance)}`);
    }
    const [first, second] = priority === "count" ? [rateOf, magnitudeOf] : [magnitudeOf, rateOf];
    const { weight } = options;
    let primary = first;
    let secondary = second;
    if (weight !== void 0) {
      if (!(Number.isFinite(weight) && weight >= 0 && weight <= 1)) {
        throw new ModelInputError(`weight must be in [0, 1], got ${String(weight)}`);
      }
      primary = (s) => serviceCost(s, weight);
      secondary = first;
    }
    const byPrimary = candidates.map((_, i) => i).sort((a, b) => compareNumbers(primary(candidates[a]), primary(candidates[b])) || a - b);
    const ranked = [];
    let start = 0;
    while (start < byPrimary.length) {
      const best = primary(candidates[byPrimary[start]]);
      const limit = Number.isFinite(best) ? best + Math.abs(best) * tolerance : best;
      let end = start + 1;
      while (end < byPrimary.length && primary(candidates[byPrimary[end]]) <= limit) {
        end++;
      }
      const group = byPrimary.slice(start, end);
      group.sort(
        (a, b) => compareNumbers(secondary(candidates[a]), secondary(candidates[b])) || compareNumbers(primary(candidates[a]), primary(candidates[b])) || a - b
      );
      ranked.push(...group);
      start = end;
    }
    return ranked;
  }
  function rateOf(s) {
    return s.violationRate;
  }
  function magnitudeOf(s) {
    var _a;
    return (_a = s.violationMagnitudeBand) != null ? _a : Infinity;
  }
  function compareNumbers(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // src/model/evaluation/cvRows.ts
  var CV_COLUMNS = ["cutoff", "ds", "y", "yhat", "yhat_lower", "yhat_upper"];
  function rowCount(rows) {
    const n = rows.ds.length;
    for (const column of CV_COLUMNS) {
      if (rows[column].length !== n) {
        throw new ModelInputError(`cross-validation rows: column ${column} has ${rows[column].length} rows, ds has ${n}`);
      }
    }
    return n;
  }

  // src/model/evaluation/metrics.ts
  var PERCENT_ERROR_ZERO = 1e-8;
  function distanceOutside(y, lower, upper) {
    if (y > upper) {
      return y - upper;
    }
    if (y < lower) {
      return lower - y;
    }
    return 0;
  }
  function symmetricPercentError(y, yhat) {
    const denominator = Math.abs(y) + Math.abs(yhat);
    return denominator === 0 ? 0 : 2 * Math.abs(y - yhat) / denominator;
  }
  function median2(values) {
    const sorted = Float64Array.from(values).sort();
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  // src/model/evaluation/summary.ts
  function summarizeRows(rows) {
    const n = rowCount(rows);
    const { y, yhat, yhat_lower: lower, yhat_upper: upper } = rows;
    let points = 0;
    let squared = 0;
    let absolute = 0;
    let symmetric = 0;
    const percent = new Float64Array(n);
    let percentCount = 0;
    let banded = 0;
    let inside2 = 0;
    let distanceSum = 0;
    let widthSum = 0;
    let widthCount = 0;
    let anyWidth = false;
    const violating = [];
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      const fi = yhat[i];
      const lo = lower[i];
      const up = upper[i];
      anyWidth = anyWidth || up > lo;
      if (!Number.isFinite(yi)) {
        continue;
      }
      if (Number.isFinite(fi)) {
        const error = yi - fi;
        points++;
        squared += error ** 2;
        absolute += Math.abs(error);
        symmetric += symmetricPercentError(yi, fi);
        if (Math.abs(yi) >= PERCENT_ERROR_ZERO) {
          percent[percentCount++] = Math.abs(error) / Math.abs(yi);
        }
      }
      if (Number.isFinite(lo) && Number.isFinite(up)) {
        banded++;
        inside2 += yi >= lo && yi <= up ? 1 : 0;
        const width = up - lo;
        if (width > 0) {
          widthSum += width;
          widthCount++;
        }
        const distance = distanceOutside(yi, lo, up);
        if (distance > 0) {
          distanceSum += distance;
          violating.push(i);
        }
      }
    }
    if (points === 0) {
      throw new ModelInputError(`mse: no row where every input is a finite number (${n} rows given)`);
    }
    if (banded === 0) {
      throw new ModelInputError(`violations: no row where every input is a finite number (${n} rows given)`);
    }
    const percentErrors = percent.subarray(0, percentCount);
    let percentSum = 0;
    for (const e of percentErrors) {
      percentSum += e;
    }
    const count2 = violating.length;
    const meanSquared = squared / points;
    return {
      n,
      mse: meanSquared,
      rmse: Math.sqrt(meanSquared),
      mae: absolute / points,
      mape: percentCount === 0 ? null : percentSum / percentCount,
      mdape: percentCount === 0 ? null : median2(percentErrors),
      smape: symmetric / points,
      coverage: inside2 / banded,
      violations: count2,
      violationRate: count2 / n,
      violationMagnitude: count2 === 0 ? 0 : distanceSum / count2,
      violationMagnitudeBand: bandWidthMagnitude(rows, violating, anyWidth, widthCount > 0 ? widthSum / widthCount : 0)
    };
  }
  function bandWidthMagnitude(rows, violating, anyWidth, meanWidth) {
    if (violating.length === 0) {
      return 0;
    }
    if (!anyWidth) {
      return null;
    }
    if (!(meanWidth > 0)) {
      throw new ModelInputError("violationMagnitude: every band has zero width, so it cannot be normalised by width");
    }
    const { y, yhat_lower: lower, yhat_upper: upper } = rows;
    let total = 0;
    for (const i of violating) {
      const width = upper[i] - lower[i];
      total += distanceOutside(y[i], lower[i], upper[i]) / (width > 0 ? width : meanWidth);
    }
    return total / violating.length;
  }

  // src/model/progress.ts
  function passProgress(onProgress, pass, perPass, passes) {
    return onProgress && ((done) => onProgress(pass * perPass + done, passes * perPass));
  }

  // src/model/evaluation/tune.ts
  var DEFAULT_TUNING_GRID = Object.freeze({
    changepoint_prior_scale: [1e-3, 0.01, 0.1, 0.5],
    seasonality_prior_scale: [0.01, 0.1, 1, 10]
  });
  var EXTENDED_TUNING_GRID = Object.freeze({
    ...DEFAULT_TUNING_GRID,
    seasonality_mode: ["additive", "multiplicative"],
    holidays_prior_scale: [0.01, 10],
    changepoint_range: [0.8, 0.95]
  });
  var VIOLATION_METRICS = ["violations", "violationMagnitude"];
  var TUNE_METRICS = [
    "mse",
    "rmse",
    "mae",
    "mape",
    "mdape",
    "smape",
    "coverage",
    ...VIOLATION_METRICS
  ];
  function checkedPriority(priority) {
    if (priority === void 0 || priority === null) {
      return void 0;
    }
    if (typeof priority === "string") {
      return { priority };
    }
    if (typeof priority !== "object" || Array.isArray(priority)) {
      throw new ModelInputError(
        `priority must be "count", "magnitude" or an object of priority, tolerance and weight, got ${JSON.stringify(priority)}`
      );
    }
    return priority;
  }
  function tune(timestamps, values, baseParams, options) {
    var _a, _b, _c, _d, _e;
    const priority = checkedPriority(options.priority);
    const metric = (_a = options.metric) != null ? _a : priority ? priority.priority === "magnitude" ? "violationMagnitude" : "violations" : "rmse";
    if (!TUNE_METRICS.includes(metric)) {
      throw new ModelInputError(`metric must be one of ${TUNE_METRICS.join(", ")}, got ${JSON.stringify(metric)}`);
    }
    if (priority && !VIOLATION_METRICS.includes(metric)) {
      throw new ModelInputError(`priority applies to the violation metrics only, not to metric "${metric}"`);
    }
    const grid = (_b = options.grid) != null ? _b : DEFAULT_TUNING_GRID;
    const maxFits = (_c = options.maxFits) != null ? _c : DEFAULT_MAX_FITS;
    const size = gridSize(grid);
    if (size > maxFits) {
      throw new ModelInputError(tooManyCombinations(size, maxFits));
    }
    const combinations = expandGrid(grid);
    const candidates = combinations.map((combination) => {
      const params = { ...baseParams, ...combination };
      withContext(`grid combination ${JSON.stringify(combination)}`, () => resolveParams(params));
      return { combination, params };
    });
    const labels = options.labels === void 0 ? void 0 : checkLabels(options.labels);
    const planned = labels === void 0 ? baseParams : labelledParams(baseParams, labels);
    const series = scoredSeries(timestamps, values, resolveParams(planned).exclude);
    const perCombination = Math.floor(maxFits / combinations.length);
    if (perCombination < 1) {
      throw new ModelInputError(tooManyCombinations(combinations.length, maxFits));
    }
    const plan = planCutoffs(series.timestamps, {
      ...options,
      maxCutoffs: Math.min(perCombination, (_d = options.maxCutoffs) != null ? _d : Infinity)
    });
    const cutoffs = plan.cutoffs;
    const fits = combinations.length * cutoffs.length;
    const scored = candidates.map(({ combination, params }, gridIndex) => {
      const { rows, label_metrics } = withContext(
        `grid combination ${JSON.stringify(combination)}`,
        () => crossValidateLabelled(timestamps, values, params, {
          horizon: options.horizon,
          cutoffs,
          maxFits: cutoffs.length,
          model: options.model,
          labels,
          onProgress: passProgress(options.onProgress, gridIndex, cutoffs.length, combinations.length)
        })
      );
      if (rows.ds.length === 0) {
        throw new ModelInputError("cross-validation scored no points; check horizon and the data spacing");
      }
      const scores = { combination, params, metrics: summarizeRows(rows), gridIndex };
      return label_metrics === null ? scores : { ...scores, label_metrics };
    });
    const order = VIOLATION_METRICS.includes(metric) ? rankByService(
      scored.map((c) => c.metrics),
      { ...priority, priority: (_e = priority == null ? void 0 : priority.priority) != null ? _e : metric === "violations" ? "count" : "magnitude" }
    ) : rankByValue(scored, metricValue(metric));
    const ranking = order.map((i) => scored[i]);
    const best = ranking[0];
    const result = { ranking, best, metric, cutoffs, cutoffsAvailable: plan.available, fits };
    return best.label_metrics === void 0 ? result : { ...result, label_metrics: best.label_metrics };
  }
  function tooManyCombinations(combinations, maxFits) {
    return `the grid has ${combinations} combinations, more than maxFits = ${maxFits} allows (one cutoff each); shrink the grid or raise maxFits`;
  }
  function gridSize(grid) {
    const keys = gridKeys(grid);
    let size = 1;
    for (const key of keys) {
      const choices = grid[key];
      if (!Array.isArray(choices) || choices.length === 0) {
        throw new ModelInputError(`the tuning grid lists no values for ${key}`);
      }
      size *= choices.length;
    }
    return size;
  }
  function gridKeys(grid) {
    const keys = grid !== null && typeof grid === "object" ? Object.keys(grid) : [];
    if (keys.length === 0) {
      throw new ModelInputError("the tuning grid has no parameters");
    }
    return keys;
  }
  function expandGrid(grid) {
    const keys = gridKeys(grid);
    let combinations = [{}];
    for (const key of keys) {
      const choices = grid[key];
      if (!Array.isArray(choices) || choices.length === 0) {
        throw new ModelInputError(`the tuning grid lists no values for ${key}`);
      }
      const next = [];
      for (const partial of combinations) {
        for (const value of choices) {
          next.push({ ...partial, [key]: value });
        }
      }
      combinations = next;
    }
    return combinations;
  }
  function metricValue(metric) {
    return (candidate) => {
      const m = candidate.metrics;
      if (metric === "coverage") {
        const nominal = resolveParams(candidate.params).interval_width;
        return Math.abs(m.coverage - nominal);
      }
      const value = m[metric];
      return value != null ? value : Infinity;
    };
  }
  function rankByValue(candidates, value) {
    const values = candidates.map(value);
    return candidates.map((_, i) => i).sort((a, b) => values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : a - b);
  }

  // src/model/selection/candidates.ts
  function selectionCandidates(base, families, extra = []) {
    var _a;
    const specs = [];
    for (const family of families) {
      const grid = unsetKeys((_a = familyOf(family).selectionGrid) != null ? _a : {}, base);
      const combinations = Object.keys(grid).length > 0 ? expandGrid(grid) : [{}];
      specs.push(...combinations.map((combination) => ({ family, combination })));
    }
    const seen = new Set(specs.map(candidateKey));
    for (const spec of extra) {
      if (!seen.has(candidateKey(spec))) {
        seen.add(candidateKey(spec));
        specs.push({ family: spec.family, combination: { ...spec.combination } });
      }
    }
    return specs.map((spec) => {
      const params = { ...base, ...spec.combination, model: spec.family };
      withContext(`candidate ${describeCandidate(spec)}`, () => resolveParams(params));
      return { ...spec, params };
    });
  }
  function candidateKey(spec) {
    const keys = Object.keys(spec.combination).sort();
    return JSON.stringify([spec.family, keys.map((k) => [k, spec.combination[k]])]);
  }
  function describeCandidate(spec) {
    const parts = Object.entries(spec.combination).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    return parts.length > 0 ? `${spec.family} {${parts.join(", ")}}` : spec.family;
  }
  function unsetKeys(grid, base) {
    return Object.fromEntries(
      Object.entries(grid).filter(([key]) => base[key] === void 0)
    );
  }

  // src/model/selection/labelObjective.ts
  var INCIDENT_FOUND_GAIN = 2;
  var FALSE_ALARM_COST = 1;
  function labelScore(metrics) {
    return INCIDENT_FOUND_GAIN * metrics.incidents_found - FALSE_ALARM_COST * metrics.alarms_on_false_alarms;
  }
  function rankByLabels(order, scores) {
    const at2 = new Map(order.map((index, position) => [index, position]));
    const score = (i) => {
      var _a;
      return (_a = scores[i]) != null ? _a : -Infinity;
    };
    return [...order].sort((a, b) => score(b) - score(a) || at2.get(a) - at2.get(b));
  }

  // src/model/selection/swap.ts
  var DEFAULT_SWAP_MARGIN = 0.3;
  function decideSwap(incumbent, challenger, options) {
    const margin = checkedMargin(options.margin);
    if (!Number.isFinite(options.at)) {
      throw new ModelInputError(`a swap decision needs a finite time, got ${String(options.at)}`);
    }
    const a = incumbent.scores;
    const b = challenger.scores;
    if (a !== null && b !== null && !sameCutoffs(a.cutoffs, b.cutoffs)) {
      throw new ModelInputError(
        "incumbent and challenger were scored on different cutoffs; compare them in one selection"
      );
    }
    const incumbentScore = a !== null && Number.isFinite(a.objective) ? a.objective : null;
    const challengerScore = b !== null && Number.isFinite(b.objective) ? b.objective : null;
    const labelScores = (a == null ? void 0 : a.label_score) !== void 0 && (b == null ? void 0 : b.label_score) !== void 0 ? { incumbent: a.label_score, challenger: b.label_score } : void 0;
    const swapped = labelScores !== void 0 && labelScores.incumbent !== labelScores.challenger ? labelScores.challenger > labelScores.incumbent : challengerScore !== null && (incumbentScore === null || challengerScore < incumbentScore * (1 - margin) && winsEveryCutoff(a == null ? void 0 : a.perCutoff, b == null ? void 0 : b.perCutoff));
    return {
      serving: swapped ? challenger : incumbent,
      swapped,
      trail: {
        at: options.at,
        incumbent: { family: incumbent.family, combination: incumbent.combination, score: incumbentScore },
        challenger: { family: challenger.family, combination: challenger.combination, score: challengerScore },
        margin,
        swapped,
        ...labelScores !== void 0 ? { label_scores: labelScores } : {}
      }
    };
  }
  function checkedMargin(margin = DEFAULT_SWAP_MARGIN) {
    if (!(Number.isFinite(margin) && margin >= 0 && margin < 1)) {
      throw new ModelInputError(`the swap margin must be in [0, 1), got ${String(margin)}`);
    }
    return margin;
  }
  function winsEveryCutoff(incumbent, challenger) {
    if (incumbent === void 0 || challenger === void 0) {
      return true;
    }
    let both = 0;
    let wins = 0;
    incumbent.forEach((a, i) => {
      const b = challenger[i];
      if (a !== null && b !== null && b !== void 0) {
        both++;
        wins += b < a ? 1 : 0;
      }
    });
    return both === 0 || wins === both;
  }
  function sameCutoffs(a, b) {
    return a.length === b.length && a.every((c, i) => c === b[i]);
  }

  // src/model/selection/select.ts
  var DAY_MS6 = 864e5;
  var DEFAULT_SELECTION_MAX_FITS = 60;
  var DEFAULT_SELECTION_CUTOFFS = 3;
  var DEFAULT_SELECTION_HISTORY_DAYS = 28;
  var MIN_SELECTION_POINTS = 24;
  function selectModel(timestamps, values, params = {}, options = {}) {
    var _a, _b, _c, _d, _e, _f, _g, _h;
    const resolved = resolveParams(params);
    const objective = parseObjective((_a = options.objective) != null ? _a : resolved.selection_objective);
    checkedMargin(options.margin);
    const band = (_b = options.band) != null ? _b : "shared";
    if (band !== "shared" && band !== "own") {
      throw new ModelInputError(`band must be "shared" or "own", got ${JSON.stringify(band)}`);
    }
    const labels = options.labels === void 0 ? void 0 : checkLabels(options.labels);
    const { model: _model, ...base } = params;
    const incumbentSpec = checkedIncumbent(options.incumbent);
    const incumbentExtra = incumbentSpec ? [incumbentSpec] : [];
    const candidates = options.candidates === void 0 ? selectionCandidates(base, checkedFamilies(options.families), incumbentExtra) : selectionCandidates(base, [], [...checkedShortlist(options.candidates, options.families), ...incumbentExtra]);
    const incumbentKey = candidateKey(incumbentSpec != null ? incumbentSpec : candidates[0]);
    const maxFits = (_c = options.maxFits) != null ? _c : DEFAULT_SELECTION_MAX_FITS;
    const perCandidate = Math.floor(maxFits / candidates.length);
    if (!(perCandidate >= 1)) {
      throw new ModelInputError(
        `selection has ${candidates.length} candidates, more than maxFits = ${String(maxFits)} allows (one cutoff each)`
      );
    }
    checkWindowOptions(options);
    const historyDays = (_d = options.historyDays) != null ? _d : DEFAULT_SELECTION_HISTORY_DAYS;
    const series = recentHistory(timestamps, values, resolved, historyDays);
    const untested = (fallback) => {
      var _a2;
      const ranking2 = candidates.map((c) => ({ ...c, scores: null }));
      const winner = (_a2 = ranking2.find((c) => candidateKey(c) === incumbentKey)) != null ? _a2 : ranking2[0];
      return { objective: objectiveText(objective), band, ranking: ranking2, winner, cutoffs: [], horizon: 0, fits: 0, fallback };
    };
    if (series.timestamps.length < MIN_SELECTION_POINTS) {
      const n = series.timestamps.length;
      return untested(
        `${n} usable point${n === 1 ? "" : "s"} in the last ${historyDays} days, selection needs ${MIN_SELECTION_POINTS}`
      );
    }
    const span = series.timestamps[series.timestamps.length - 1] - series.timestamps[0];
    const horizon = (_e = options.horizon) != null ? _e : Math.min(DAY_MS6, span / 4);
    const windows = { horizon, initial: (_f = options.initial) != null ? _f : Math.min(3 * horizon, span / 2), period: options.period };
    let cutoffs;
    try {
      const maxCutoffs = Math.min(perCandidate, (_g = options.maxCutoffs) != null ? _g : DEFAULT_SELECTION_CUTOFFS);
      cutoffs = planCutoffs(series.timestamps, { ...windows, maxCutoffs }).cutoffs;
    } catch (error) {
      if (error instanceof ModelInputError && options.horizon === void 0 && options.initial === void 0) {
        return untested(error.message);
      }
      throw error;
    }
    const kernels = options.kernels;
    const model = {
      fit: (ts, ys, p) => fitModel(ts, ys, p, kernels),
      predict: (fitted, ts, ys) => predictModel(fitted, ts, ys, kernels)
    };
    const runs = candidates.map((candidate, k) => {
      try {
        const { rows, label_metrics } = crossValidateLabelled(series.timestamps, series.values, candidate.params, {
          horizon,
          cutoffs,
          maxFits: cutoffs.length,
          model,
          labels,
          onProgress: passProgress(options.onProgress, k, cutoffs.length, candidates.length)
        });
        return rows.ds.length > 0 ? { candidate, rows, label_metrics } : { candidate, error: "no point was scored" };
      } catch (error) {
        return { candidate, error: error instanceof Error ? error.message : String(error) };
      }
    });
    const scored = runs.filter(
      (r) => "rows" in r
    );
    if (scored.length === 0) {
      const first = runs[0];
      throw new ModelInputError(
        `no candidate could be cross-validated: ${describeCandidate(first.candidate)}: ${first.error}`
      );
    }
    const reference = band === "shared" ? sharedHalfWidths(scored.map((r) => r.rows)) : null;
    const ranked = scored.map(({ candidate, rows, label_metrics }) => ({
      ...candidate,
      scores: {
        ...scoresOf(rows, reference, objective, cutoffs),
        ...label_metrics === null ? {} : { label_metrics, label_score: labelScore(label_metrics) }
      }
    }));
    const byService = rankByService(
      ranked.map((r) => r.scores),
      serviceOptions(objective)
    );
    const order = labels === void 0 ? byService : rankByLabels(
      byService,
      ranked.map((r) => {
        var _a2;
        return (_a2 = r.scores) == null ? void 0 : _a2.label_score;
      })
    );
    const failed = runs.filter((r) => "error" in r).map(({ candidate, error }) => ({ ...candidate, scores: null, error }));
    const ranking = [...order.map((i) => ranked[i]), ...failed];
    const incumbent = incumbentSpec === null ? void 0 : ranking.find((c) => candidateKey(c) === incumbentKey);
    const decision = incumbent === void 0 ? void 0 : decideSwap(incumbent, ranking[0], {
      at: series.timestamps[series.timestamps.length - 1],
      margin: options.margin
    });
    return {
      objective: objectiveText(objective),
      band,
      ranking,
      winner: (_h = decision == null ? void 0 : decision.serving) != null ? _h : ranking[0],
      ...decision !== void 0 ? { decision: decision.trail } : {},
      cutoffs,
      horizon,
      fits: candidates.length * cutoffs.length
    };
  }
  function checkedShortlist(candidates, families) {
    if (families !== void 0) {
      throw new ModelInputError("give either families or candidates, not both");
    }
    if (!Array.isArray(candidates) || candidates.length === 0) {
      throw new ModelInputError("candidates must be a non-empty list of {family, combination}");
    }
    for (const c of candidates) {
      checkSpec(c, "a candidate");
    }
    return candidates;
  }
  function checkSpec(c, what) {
    const spec = c;
    const known = typeof (spec == null ? void 0 : spec.family) === "string" && FAMILY_NAMES.includes(spec.family);
    const combination = spec == null ? void 0 : spec.combination;
    if (!known || typeof combination !== "object" || combination === null || Array.isArray(combination)) {
      throw new ModelInputError(
        `${what} needs a family (${FAMILY_NAMES.join(", ")}) and a combination object, got ${JSON.stringify(c)}`
      );
    }
  }
  function checkedIncumbent(incumbent) {
    if (incumbent === void 0 || incumbent === null) {
      return incumbent;
    }
    checkSpec(incumbent, "the incumbent");
    return incumbent;
  }
  function checkWindowOptions(options) {
    if (options.period != null && !(Number.isFinite(options.period) && options.period > 0)) {
      throw new ModelInputError(`period must be a positive duration in ms, got ${JSON.stringify(options.period)}`);
    }
    if (options.maxCutoffs != null && !(typeof options.maxCutoffs === "number" && options.maxCutoffs >= 1)) {
      throw new ModelInputError(`maxCutoffs must be a number \u2265 1, got ${JSON.stringify(options.maxCutoffs)}`);
    }
  }
  function checkedFamilies(families) {
    if (families === void 0) {
      return AUTO_FAMILIES;
    }
    if (!Array.isArray(families)) {
      throw new ModelInputError(`families must be a list of family names, got ${JSON.stringify(families)}`);
    }
    if (families.length === 0) {
      throw new ModelInputError("selection needs at least one family");
    }
    for (const name of families) {
      if (!FAMILY_NAMES.includes(name)) {
        throw new ModelInputError(`unknown family ${JSON.stringify(name)} (known: ${FAMILY_NAMES.join(", ")})`);
      }
    }
    return families;
  }
  function recentHistory(timestamps, values, params, days2) {
    if (!(Number.isFinite(days2) && days2 > 0)) {
      throw new ModelInputError(`historyDays must be a positive number, got ${String(days2)}`);
    }
    const all = selectTrainingData(timestamps, values, params.exclude);
    const n = all.timestamps.length;
    if (n === 0) {
      return all;
    }
    const from = all.timestamps[n - 1] - days2 * DAY_MS6;
    let first = 0;
    while (first < n && all.timestamps[first] < from) {
      first++;
    }
    return { timestamps: all.timestamps.subarray(first), values: all.values.subarray(first) };
  }
  function sharedHalfWidths(runs) {
    const n = runs[0].ds.length;
    let tightest = -1;
    let tightestWidth = Infinity;
    runs.forEach((rows, c) => {
      if (rows.ds.length !== n) {
        throw new Error(`candidates scored different points (${rows.ds.length} vs ${n})`);
      }
      const half = halfWidths(rows);
      const median3 = half.sort()[n >> 1];
      if (tightest < 0 || median3 > 0 && (median3 < tightestWidth || tightestWidth === 0)) {
        tightest = c;
        tightestWidth = median3;
      }
    });
    return halfWidths(runs[tightest]);
  }
  function halfWidths(rows) {
    return rows.yhat_upper.map((upper, i) => (upper - rows.yhat_lower[i]) / 2);
  }
  function scoresOf(rows, reference, objective, cutoffs) {
    const own = summarizeRows(rows);
    const banded = reference === null ? rows : {
      ...rows,
      yhat_lower: rows.yhat.map((v, i) => v - reference[i]),
      yhat_upper: rows.yhat.map((v, i) => v + reference[i])
    };
    const judged = reference === null ? own : summarizeRows(banded);
    const stats = { violationRate: judged.violationRate, violationMagnitudeBand: judged.violationMagnitudeBand };
    return {
      ...stats,
      objective: objectiveValue(stats, objective),
      perCutoff: cutoffs.map((cutoff) => {
        const keep = (_v, i) => banded.cutoff[i] === cutoff;
        const one = summarizeRows({
          cutoff: banded.cutoff.filter(keep),
          ds: banded.ds.filter(keep),
          y: banded.y.filter(keep),
          yhat: banded.yhat.filter(keep),
          yhat_lower: banded.yhat_lower.filter(keep),
          yhat_upper: banded.yhat_upper.filter(keep)
        });
        return one.n > 0 ? objectiveValue(one, objective) : null;
      }),
      mae: own.mae,
      rmse: own.rmse,
      coverage: own.coverage,
      n: own.n,
      cutoffs
    };
  }
  function objectiveValue(stats, objective) {
    var _a;
    switch (objective.kind) {
      case "violations":
        return stats.violationRate;
      case "magnitude":
        return (_a = stats.violationMagnitudeBand) != null ? _a : Infinity;
      case "weighted":
        return serviceCost(stats, objective.weight);
    }
  }
  function serviceOptions(objective) {
    return objective.kind === "weighted" ? { priority: "count", weight: objective.weight } : { priority: objective.kind === "violations" ? "count" : "magnitude" };
  }

  // src/model/selection/serving.ts
  function servingOverrides(winner, params) {
    const { ensemble_members } = resolveParams({ ...params, ...winner.combination, model: "ensemble" });
    const model = winner.family === "decomposition" && ensemble_members.includes("decomposition") ? "ensemble" : winner.family;
    return { ...winner.combination, model };
  }

  // src/model/selection/summary.ts
  var SUMMARY_RANKING_LIMIT = 10;
  function summarizeSelection(result) {
    const entry = (c) => {
      var _a, _b;
      return {
        family: c.family,
        combination: c.combination,
        score: c.scores !== null && Number.isFinite(c.scores.objective) ? c.scores.objective : null,
        violationRate: (_b = (_a = c.scores) == null ? void 0 : _a.violationRate) != null ? _b : null,
        ...c.error !== void 0 ? { error: c.error } : {}
      };
    };
    return {
      automatic: true,
      objective: result.objective,
      candidates: result.ranking.length,
      fits: result.fits,
      cutoffs: result.cutoffs.length,
      winner: entry(result.winner),
      ranking: result.ranking.slice(0, SUMMARY_RANKING_LIMIT).map(entry),
      ...result.fallback !== void 0 ? { fallback: result.fallback } : {}
    };
  }
  function readSelectionSummary(raw) {
    if (raw === void 0 || raw === null) {
      return void 0;
    }
    const s = raw;
    const entryOk = (e) => e !== null && typeof e === "object" && typeof e.family === "string";
    if (typeof raw !== "object" || s.automatic !== true || typeof s.objective !== "string" || !entryOk(s.winner) || !Array.isArray(s.ranking) || s.ranking.length > SUMMARY_RANKING_LIMIT || !s.ranking.every(entryOk)) {
      throw new ModelInputError("serialized model has a malformed selection summary");
    }
    return s;
  }

  // src/model/selection/autoFit.ts
  function fitAuto(timestamps, values, params, kernels, selection) {
    var _a;
    const falseAlarms = (_a = params.false_alarms) != null ? _a : [];
    const labels = falseAlarms.length > 0 ? { incidents: [], false_alarms: falseAlarms } : void 0;
    const result = selection != null ? selection : selectModel(timestamps, values, params, { kernels, labels });
    const resolved = resolveParams({ ...params, ...servingOverrides(result.winner, params) });
    const fitted = familyOf(resolved.model).fit(timestamps, values, resolved, kernels);
    return { ...fitted, selection: summarizeSelection(result) };
  }

  // src/model/families/autoregressiveLags.ts
  function regressionLags(s) {
    const lags = [];
    for (let i = 1; i <= s.order; i++) {
      lags.push(i);
    }
    for (let j = 1; j <= s.seasonal_order; j++) {
      lags.push(j * s.period_cells);
    }
    return lags;
  }
  function polynomial(lags, coefficients) {
    return { lags, coefficients };
  }
  function multiplyPolynomials(a, b) {
    const at2 = /* @__PURE__ */ new Map();
    const lags = [];
    const coefficients = [];
    for (let i = 0; i < a.lags.length; i++) {
      const la = a.lags[i];
      const ca = a.coefficients[i];
      for (let j = 0; j < b.lags.length; j++) {
        const lag = la + b.lags[j];
        const k = at2.get(lag);
        if (k === void 0) {
          at2.set(lag, lags.length);
          lags.push(lag);
          coefficients.push(0 + ca * b.coefficients[j]);
        } else {
          coefficients[k] = coefficients[k] + ca * b.coefficients[j];
        }
      }
    }
    return { lags, coefficients };
  }
  function sortedTerms(p, fromLag) {
    const lags = [];
    const coefficients = [];
    for (let i = 0; i < p.lags.length; i++) {
      const lag = p.lags[i];
      const c = p.coefficients[i];
      if (lag < fromLag || c === 0) {
        continue;
      }
      let k = lags.length;
      lags.push(lag);
      coefficients.push(c);
      while (k > 0 && lags[k - 1] > lag) {
        lags[k] = lags[k - 1];
        coefficients[k] = coefficients[k - 1];
        k--;
      }
      lags[k] = lag;
      coefficients[k] = c;
    }
    return { lags, coefficients };
  }
  function differencing(s) {
    let p = polynomial([0], [1]);
    if (s.difference === 1) {
      p = multiplyPolynomials(p, polynomial([0, 1], [1, -1]));
    }
    if (s.period_cells > 0) {
      p = multiplyPolynomials(p, polynomial([0, s.period_cells], [1, -1]));
    }
    return sortedTerms(p, -Infinity);
  }
  function differencingSpan(s) {
    return s.difference + s.period_cells;
  }
  function recursionOf(s, beta) {
    const lags = regressionLags(s);
    const offset = s.intercept ? 1 : 0;
    const ar = polynomial([0], [1]);
    let maxLag = 0;
    for (let j = 0; j < lags.length; j++) {
      const lag = lags[j];
      maxLag = Math.max(maxLag, lag);
      const k = ar.lags.indexOf(lag);
      if (k < 0) {
        ar.lags.push(lag);
        ar.coefficients.push(0 - beta[offset + j]);
      } else {
        ar.coefficients[k] = ar.coefficients[k] - beta[offset + j];
      }
    }
    const full = sortedTerms(multiplyPolynomials(ar, differencing(s)), 1);
    const coefficients = new Float64Array(full.lags.length);
    for (let i = 0; i < coefficients.length; i++) {
      coefficients[i] = -full.coefficients[i];
    }
    return {
      lags: Int32Array.from(full.lags),
      coefficients,
      constant: s.intercept ? beta[0] : 0,
      max_lag: Math.max(differencingSpan(s) + maxLag, 1),
      seasonal_from: s.period_cells
    };
  }

  // src/model/families/autoregressiveFit.ts
  var DAY_MS7 = 864e5;
  var PERIODS_MS = { day: DAY_MS7, week: 7 * DAY_MS7 };
  var ORDER_CANDIDATES = [0, 1, 2, 3, 4, 6, 8, 12];
  var MAX_SEASONAL_ORDER = 3;
  var MIN_ROWS = 30;
  var ROWS_PER_COEFFICIENT = 5;
  var MIN_SEASONAL_GAIN = 0.1;
  var WEEK_MARGIN = 0.05;
  var UNIT_ROOT_SUM = 0.97;
  var MAX_ITERATIONS2 = 10;
  var MIN_ITERATIONS2 = 3;
  var TOLERANCE3 = 0.01;
  var RIDGE = 1e-9;
  var SIGMA_FLOOR = 1e-9;
  function choosePeriod(kernels, series, stepMs, setting) {
    if (setting === "none") {
      return { name: "none", cells: 0 };
    }
    const cells = series.filled.length;
    const periodCells = (name) => Math.floor(PERIODS_MS[name] / stepMs + 0.5);
    const fits = (s) => s >= 2 && cells >= 2 * s + MIN_ROWS;
    if (setting !== "auto") {
      const s = periodCells(setting);
      if (!fits(s)) {
        throw new ModelInputError(
          `ar_period "${setting}" needs a step under half a ${setting} and two ${setting}s of history; the series has ${cells} points at a ${stepMs / 1e3}s step`
        );
      }
      return { name: setting, cells: s };
    }
    const gains = [];
    for (const name of ["day", "week"]) {
      const s = periodCells(name);
      if (fits(s)) {
        gains.push({ name, cells: s, gain: seasonalGain(kernels, series, s) });
      }
    }
    const day = gains.find((g) => g.name === "day");
    const week = gains.find((g) => g.name === "week");
    let best = day && day.gain >= MIN_SEASONAL_GAIN ? day : void 0;
    if (week && week.gain >= MIN_SEASONAL_GAIN && (!best || week.gain > best.gain + WEEK_MARGIN)) {
      best = week;
    }
    return best ? { name: best.name, cells: best.cells } : { name: "none", cells: 0 };
  }
  function seasonalGain(kernels, series, s) {
    const cells = series.filled.length;
    const X = kernels.lagDesign(series.filled, Int32Array.of(0, Math.floor(s / 2), s), s, cells, false, series.keep);
    const rows = X.length / 3;
    const { gram } = kernels.weightedGram(X, rows, 3, new Float64Array(rows), null);
    const correlation = (j) => gram[j] / Math.sqrt(gram[0] * gram[4 * j]);
    const gain = correlation(2) - correlation(1);
    return Number.isFinite(gain) ? gain : 0;
  }
  function differenced(kernels, series, s) {
    const span = differencingSpan(s);
    const cells = series.filled.length;
    if (span === 0) {
      return series;
    }
    const d = differencing(s);
    const width = d.lags.length;
    const X = kernels.lagDesign(series.filled, Int32Array.from(d.lags), span, cells, false, null);
    return {
      filled: kernels.multiply(X, cells - span, width, Float64Array.from(d.coefficients)),
      keep: series.keep.subarray(span)
    };
  }
  function rowsAvailable(w, maxLag) {
    return w.filled.length - maxLag;
  }
  function enoughRows(rows, coefficients) {
    return rows >= MIN_ROWS && rows >= ROWS_PER_COEFFICIENT * coefficients;
  }
  function chooseOrders(kernels, w, base, setting, span) {
    const s = base.period_cells;
    const orders = setting === "auto" ? ORDER_CANDIDATES : [setting];
    const usable = orders.filter((p) => enoughRows(rowsAvailable(w, p), p + (base.intercept ? 1 : 0)));
    if (usable.length === 0) {
      const p = orders[0];
      const needed = span + p + Math.max(MIN_ROWS, ROWS_PER_COEFFICIENT * (p + 1));
      throw new ModelInputError(
        `the autoregressive model${setting === "auto" ? "" : ` of ar_order ${p}`} needs ${needed} points on its grid; the series has ${w.filled.length + span}`
      );
    }
    const maxOrder = Math.max(...usable);
    let maxSeasonal = 0;
    if (s > 0) {
      for (let P = 1; P <= MAX_SEASONAL_ORDER; P++) {
        const rows2 = rowsAvailable(w, Math.max(maxOrder, P * s));
        if (rows2 >= s && enoughRows(rows2, maxOrder + P + 1)) {
          maxSeasonal = P;
        }
      }
    }
    const structure = { ...base, difference: 0, order: maxOrder, seasonal_order: maxSeasonal };
    const lags = [...regressionLags(structure), 0];
    const offset = base.intercept ? 1 : 0;
    const width = lags.length + offset;
    const from = Math.max(maxOrder, maxSeasonal * s);
    const X = kernels.lagDesign(w.filled, Int32Array.from(lags), from, w.filled.length, base.intercept, w.keep);
    const rows = X.length / width;
    if (!enoughRows(rows, 1)) {
      throw new ModelInputError(`the autoregressive model has ${rows} usable points on its grid; it needs ${MIN_ROWS}`);
    }
    const { gram } = kernels.weightedGram(X, rows, width, new Float64Array(rows), null);
    let best = null;
    for (const p of usable) {
      for (let P = 0; P <= maxSeasonal; P++) {
        const columns = new Int32Array(offset + p + P);
        for (let i = 0; i < p; i++) {
          columns[offset + i] = offset + i;
        }
        for (let j = 0; j < P; j++) {
          columns[offset + p + j] = offset + maxOrder + j;
        }
        const { beta, rss } = solveColumns2(kernels, gram, width, columns);
        const criterion = rows * Math.log(Math.max(rss, SIGMA_FLOOR * SIGMA_FLOOR * rows) / rows) + Math.log(rows) * columns.length;
        if (best === null || criterion < best.criterion) {
          let arSum = 0;
          for (let i = 0; i < p; i++) {
            arSum += beta[offset + i];
          }
          best = { order: p, seasonal_order: P, ar_sum: arSum, criterion };
        }
      }
    }
    const chosen = best;
    return { order: chosen.order, seasonal_order: chosen.seasonal_order, ar_sum: chosen.ar_sum };
  }
  function looksIntegrated(choice) {
    return choice.ar_sum >= UNIT_ROOT_SUM;
  }
  function solveColumns2(kernels, gram, width, columns) {
    const k = columns.length;
    const both = kernels.solveColumns(gram, width, columns, RIDGE, SIGMA_FLOOR);
    return { beta: both.subarray(0, k), rss: both[k] };
  }
  function firstColumns(k) {
    const columns = new Int32Array(k);
    for (let j = 0; j < k; j++) {
      columns[j] = j;
    }
    return columns;
  }
  function residualScale2(kernels, residuals) {
    const mad = kernels.madSigma(residuals, MAD_TO_SIGMA);
    if (mad > 0) {
      return mad;
    }
    const tail = kernels.quantile(kernels.scaled(residuals, 1, true, null), 0.99) / 2.576;
    return tail > 0 ? tail : SIGMA_FLOOR;
  }
  function fitLeastSquares(kernels, w, s, robust) {
    const lags = [...regressionLags(s), 0];
    const offset = s.intercept ? 1 : 0;
    const width = lags.length + offset;
    const k = width - 1;
    const X = kernels.lagDesign(
      w.filled,
      Int32Array.from(lags),
      Math.max(0, ...lags),
      w.filled.length,
      s.intercept,
      w.keep
    );
    const rows = X.length / width;
    if (!enoughRows(rows, k)) {
      throw new ModelInputError(`the autoregressive model has ${rows} usable points on its grid for ${k} coefficients`);
    }
    const zeros = new Float64Array(rows);
    const unit = new Float64Array(width);
    unit[k] = 1;
    const target = kernels.multiply(X, rows, width, unit);
    const weights = new Float64Array(rows).fill(1);
    const deficit = new Float64Array(rows);
    const residuals = new Float64Array(rows);
    const columns = firstColumns(k);
    let beta = new Float64Array(k);
    let sigma = SIGMA_FLOOR;
    let weighted = false;
    for (let iteration = 0; iteration < MAX_ITERATIONS2; iteration++) {
      const { gram } = kernels.weightedGram(X, rows, width, zeros, weighted ? weights : null);
      beta = solveColumns2(kernels, gram, width, columns).beta;
      const change = kernels.updateResiduals(target, kernels.multiply(X, rows, width, padded(beta, width)), residuals);
      sigma = residualScale2(kernels, residuals);
      if (!robust) {
        break;
      }
      kernels.hampelWeights(residuals, Math.max(sigma, SIGMA_FLOOR), weights, deficit, HAMPEL_KNEES);
      weighted = true;
      if (iteration + 1 >= MIN_ITERATIONS2 && change < TOLERANCE3 * sigma) {
        break;
      }
    }
    return { beta, residuals, weights, sigma, holdout: holdout(kernels, X, rows, width, target, weights, residuals) };
  }
  function padded(beta, width) {
    const out = new Float64Array(width);
    out.set(beta);
    return out;
  }
  function holdout(kernels, X, rows, width, target, weights, residuals) {
    const k = width - 1;
    const start = holdoutStartIndex(rows, Math.max(k, 1));
    if (start >= rows || k === 0) {
      return null;
    }
    const head = kernels.weightedGram(X, start, width, new Float64Array(start), weights).gram;
    const beta = solveColumns2(kernels, head, width, firstColumns(k)).beta;
    const outside = kernels.multiply(X.subarray(start * width), rows - start, width, padded(beta, width));
    const outOfSample = new Float64Array(rows - start);
    kernels.updateResiduals(target.subarray(start), outside, outOfSample);
    return { outOfSample, inSample: residuals.slice(start) };
  }

  // src/model/families/autoregressiveModel.ts
  var AUTOREGRESSIVE_VERSION = 2;
  var MAX_TRAINING_CELLS = 262144;
  var MAX_PSI_STEPS = 2e4;
  var CLEAN_SCALES = 4.5;
  var MAX_REPLACED_RUN_MS = 2 * 36e5;
  var MIN_REPLACED_RUN = 3;
  var MAX_REPLACED_SHARE = 0.02;
  function cellOf2(t, grid) {
    return Math.floor((t - grid.origin_ms) / grid.step_ms + 0.5);
  }
  function toScaled(kernels, values, center, scale) {
    const out = kernels.scaled(values, 1 / scale, false, null);
    kernels.addScaled(out, new Float64Array(out.length).fill(1), -center / scale);
    return out;
  }
  function fromScaled(kernels, xs, center, scale) {
    const out = kernels.scaled(xs, scale, false, null);
    kernels.addScaled(out, new Float64Array(out.length).fill(1), center);
    return out;
  }
  function spreadOf2(kernels, values, center) {
    const abs = kernels.scaled(toScaled(kernels, values, center, 1), 1, true, null);
    const [q99, max] = kernels.quantiles(abs, Float64Array.of(0.99, 1));
    return q99 > 0 ? q99 : max > 0 ? max : 1;
  }
  function maxRun(stepMs) {
    return Math.max(MIN_REPLACED_RUN, Math.ceil(MAX_REPLACED_RUN_MS / stepMs));
  }
  function filteredArrays(cells) {
    return {
      cleaned: new Float64Array(cells),
      predicted: new Float64Array(cells),
      extra_variance: new Float64Array(cells),
      kept: new Float64Array(cells)
    };
  }
  var KEEP_EVERYTHING = { below: Infinity, above: Infinity, run: 0, lowest: -Infinity, highest: Infinity };
  function filter(kernels, raw, recursion, rule) {
    const out = filteredArrays(raw.length);
    const replaced = kernels.arRecursion(
      raw,
      {
        lags: recursion.lags,
        coefficients: recursion.coefficients,
        constant: recursion.constant,
        start: recursion.max_lag,
        seasonal_from: recursion.seasonal_from,
        limit_below: rule.below,
        limit_above: rule.above,
        max_run: rule.run,
        lowest: rule.lowest,
        highest: rule.highest,
        horizon_variance: kernels.arPsiVariance(
          recursion.lags,
          recursion.coefficients,
          Math.max(1, Math.min(raw.length, MAX_PSI_STEPS))
        )
      },
      out
    );
    return { out, replaced };
  }
  function carriedForward(kernels, raw) {
    const recursion = {
      lags: Int32Array.of(1),
      coefficients: Float64Array.of(1),
      constant: 0,
      max_lag: 1,
      seasonal_from: 0
    };
    const { out } = filter(kernels, raw, recursion, KEEP_EVERYTHING);
    return { filled: out.cleaned, keep: out.kept };
  }
  function chooseStructure(kernels, series, period, params, difference) {
    const base = {
      period_cells: period,
      difference,
      order: 0,
      seasonal_order: 0,
      intercept: difference + (period > 0 ? 1 : 0) <= 1
    };
    const w = differenced(kernels, series, base);
    const choice = chooseOrders(kernels, w, base, params.ar_order, differencingSpan(base));
    if (params.ar_difference === "auto" && difference === 0 && looksIntegrated(choice)) {
      return chooseStructure(kernels, series, period, params, 1);
    }
    return { structure: { ...base, order: choice.order, seasonal_order: choice.seasonal_order }, w };
  }
  function oneStepResiduals(kernels, raw, observed2, filtered, start) {
    const all = new Float64Array(raw.length);
    kernels.updateResiduals(raw, filtered.predicted, all);
    const predicted = observed2.slice();
    predicted.fill(0, 0, Math.min(start, raw.length));
    return {
      residuals: kernels.scaled(all, 1, false, predicted),
      weights: kernels.scaled(filtered.kept, 1, false, predicted)
    };
  }
  function halfResolution2(kernels, values) {
    const gaps = kernels.differences(values, true, true);
    return gaps.length > 0 ? kernels.quantile(gaps, 0) / 2 : 0;
  }
  function fitAutoregressive(timestamps, values, params, kernels) {
    var _a;
    const resolved = resolveParams(params);
    const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
    const n = train.timestamps.length;
    if (n < 2 || !(train.timestamps[n - 1] > train.timestamps[0])) {
      throw new ModelInputError("the series needs at least two distinct timestamps with ordinary values");
    }
    const step2 = kernels.quantile(kernels.differences(train.timestamps, false, true), 0.5);
    const span = Math.floor((train.timestamps[n - 1] - train.timestamps[0]) / step2 + 0.5) + 1;
    const cells = Math.min(span, MAX_TRAINING_CELLS);
    const grid = { origin_ms: train.timestamps[0] + (span - cells) * step2, step_ms: step2 };
    const center = kernels.quantile(train.values, 0.5);
    const yScale = spreadOf2(kernels, train.values, center);
    const raw = new Float64Array(cells).fill(NaN);
    kernels.gridSeries(train.timestamps, toScaled(kernels, train.values, center, yScale), grid, raw);
    const first = carriedForward(kernels, raw);
    const period = choosePeriod(kernels, first, step2, resolved.ar_period);
    const firstChoice = chooseStructure(kernels, first, period.cells, resolved, resolved.ar_difference === 1 ? 1 : 0);
    const firstStructure = firstChoice.structure;
    const firstFit = fitLeastSquares(kernels, firstChoice.w, firstStructure, resolved.robust);
    const [min, max] = kernels.quantiles(train.values, Float64Array.of(0, 1));
    const [lowest, highest] = [(min - center) / yScale, (max - center) / yScale];
    const limit = resolved.robust ? CLEAN_SCALES * firstFit.sigma : Infinity;
    const rule = {
      below: limit,
      above: limit,
      run: maxRun(step2),
      lowest: lowest - (highest - lowest),
      highest: highest + (highest - lowest)
    };
    let cleaned = filter(kernels, raw, recursionOf(firstStructure, firstFit.beta), rule);
    if (cleaned.replaced > MAX_REPLACED_SHARE * kernels.scaled(first.keep, 1, false, first.keep).length) {
      Object.assign(rule, { below: Infinity, above: Infinity });
      cleaned = filter(kernels, raw, recursionOf(firstStructure, firstFit.beta), rule);
    }
    const second = { filled: cleaned.out.cleaned, keep: cleaned.out.kept };
    const secondChoice = chooseStructure(kernels, second, period.cells, resolved, firstStructure.difference);
    const structure = secondChoice.structure;
    const result = fitLeastSquares(kernels, secondChoice.w, structure, resolved.robust);
    const recursion = recursionOf(structure, result.beta);
    const final = filter(kernels, raw, recursion, rule);
    const tailLength = Math.min(recursion.max_lag, cells);
    const band = oneStepResiduals(kernels, raw, first.keep, final.out, recursion.max_lag);
    const residuals = bandFromResiduals(
      kernels,
      band.residuals,
      band.weights,
      halfResolution2(kernels, train.values),
      yScale,
      {
        interval_width: resolved.interval_width,
        outlier_width: resolved.outlier_width,
        n_features: result.beta.length,
        inflation: holdoutInflation(kernels, result.holdout),
        holdout: (_a = result.holdout) == null ? void 0 : _a.outOfSample
      }
    );
    const oneStep = Math.max((residuals.band_below + residuals.band_above) / (2 * residuals.z), SIGMA_FLOOR * yScale);
    const levelSd = kernels.madSigma(train.values, 1.4826);
    return {
      family: "autoregressive",
      version: AUTOREGRESSIVE_VERSION,
      params: resolved,
      history_start: train.timestamps[0],
      history_end: train.timestamps[n - 1],
      n_train: n,
      grid,
      center,
      y_scale: yScale,
      period: period.name,
      structure,
      coefficients: result.beta,
      tail: final.out.cleaned.slice(cells - tailLength),
      tail_start_cell: cells - tailLength,
      max_run: rule.run,
      lowest: rule.lowest,
      highest: rule.highest,
      one_step_sd: oneStep,
      level_sd: Math.max(levelSd, oneStep),
      residuals,
      nonnegative: resolved.nonnegative === "auto" ? train.min >= 0 : resolved.nonnegative,
      n_cleaned: final.replaced
    };
  }
  function flatRanges2(exclude) {
    return Float64Array.from(exclude.flat());
  }
  function predictAutoregressive(fitted, timestamps, values, kernels) {
    const ts = toTimestamps(timestamps, kernels);
    const n = ts.length;
    const vs = valuesToJudge(values, n);
    const { grid, tail, center, y_scale: yScale } = fitted;
    const recursion = recursionOf(fitted.structure, fitted.coefficients);
    const tailEnd = fitted.tail_start_cell + tail.length - 1;
    let lo = fitted.tail_start_cell;
    let hi = tailEnd;
    let usable = 0;
    const usableTimes = new Float64Array(vs === null ? 0 : n);
    const usableValues = new Float64Array(usableTimes.length);
    if (n > 0) {
      hi = Math.max(hi, cellOf2(kernels.quantile(ts, 1), grid));
      if (vs !== null) {
        usable = kernels.trainingRows(ts, vs, flatRanges2(fitted.params.exclude), usableTimes, usableValues);
        if (usable > 0) {
          lo = Math.min(lo, cellOf2(usableTimes[0], grid));
        }
      }
    }
    const cells = hi - lo + 1;
    if (cells > MAX_POINTS2) {
      throw new ModelInputError(
        `the autoregressive model would run ${cells} steps of ${grid.step_ms / 1e3}s to reach these times; the limit is ${MAX_POINTS2}`
      );
    }
    const here = { origin_ms: grid.origin_ms + lo * grid.step_ms, step_ms: grid.step_ms };
    const raw = new Float64Array(cells).fill(NaN);
    raw.set(tail, fitted.tail_start_cell - lo);
    if (usable > 0) {
      const scaledValues = toScaled(kernels, usableValues.subarray(0, usable), center, yScale);
      kernels.gridSeries(usableTimes.subarray(0, usable), scaledValues, here, raw);
    }
    const r = fitted.residuals;
    const { out } = filter(kernels, raw, recursion, {
      below: r.outlier_below / yScale,
      above: r.outlier_above / yScale,
      run: fitted.max_run,
      lowest: fitted.lowest,
      highest: fitted.highest
    });
    const oneStep2 = fitted.one_step_sd * fitted.one_step_sd;
    const levelMultiplier = fitted.level_sd * fitted.level_sd / oneStep2;
    const yhat = fromScaled(kernels, kernels.gridLookup(ts, here, out.predicted, 0), center, yScale);
    const extra = kernels.scaled(
      kernels.gridLookup(ts, here, out.extra_variance, levelMultiplier),
      oneStep2,
      false,
      null
    );
    return judgedPrediction(kernels, fitted, ts, yhat, vs, extra, (judgedYhat) => ({ trend: judgedYhat.slice() }));
  }

  // src/model/families/autoregressiveJson.ts
  var LIST_VERSION = 1;
  function autoregressiveToJson(fitted, kernels) {
    return {
      ...fitted,
      coefficients: Array.from(fitted.coefficients),
      tail: kernels.encodeFloat64s(fitted.tail)
    };
  }
  function fail(what) {
    throw new ModelInputError(`serialized autoregressive model: ${what}`);
  }
  function finite2(data, key) {
    const v = data[key];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      fail(`${key} must be a finite number`);
    }
    return v;
  }
  function bounded(data, key, bound) {
    const v = finite2(data, key);
    return Math.abs(v) <= bound ? v : fail(`${key} must lie within \xB1${bound}, got ${v}`);
  }
  function seriesScale(data, key) {
    const v = data[key];
    return isSeriesScale(v) ? v : fail(`${key} must be a positive normal number up to ${MAX_SERIES_MAGNITUDE}`);
  }
  function numbers(data, key, limit) {
    var _a;
    return (_a = finiteNumbers(data[key], limit)) != null ? _a : fail(`${key} must be a list of at most ${limit} finite numbers`);
  }
  function wholeIn(value, lo, hi) {
    return typeof value === "number" && Number.isInteger(value) && value >= lo && value <= hi;
  }
  function structureOf(data) {
    const s = data.structure;
    if (s === null || typeof s !== "object" || !wholeIn(s.period_cells, 0, MAX_POINTS2) || !wholeIn(s.difference, 0, 1) || !wholeIn(s.order, 0, 12) || !wholeIn(s.seasonal_order, 0, 3) || typeof s.intercept !== "boolean" || s.period_cells === 0 && s.seasonal_order !== 0) {
      fail("structure is not a valid lag structure");
    }
    return s;
  }
  function tailOf(data, kernels) {
    if (data.version === LIST_VERSION) {
      return numbers(data, "tail", MAX_POINTS2);
    }
    const tail = finiteFloat64Text(data.tail, kernels);
    if (tail === null || tail.length > MAX_POINTS2) {
      fail(`tail must be base64 text of at most ${MAX_POINTS2} finite float64 values`);
    }
    return tail;
  }
  function autoregressiveFromJson(data, kernels) {
    if (data.family !== "autoregressive") {
      fail(`it is a ${String(data.family)} model`);
    }
    if (data.version !== AUTOREGRESSIVE_VERSION && data.version !== LIST_VERSION) {
      throw new ModelInputError(
        `serialized autoregressive model version ${String(data.version)} is not supported (this Foresight reads version ${AUTOREGRESSIVE_VERSION}); fit the model again`
      );
    }
    const structure = structureOf(data);
    const coefficients = numbers(data, "coefficients", 64);
    if (coefficients.length !== regressionLags(structure).length + (structure.intercept ? 1 : 0)) {
      fail(`${coefficients.length} coefficients do not match its structure`);
    }
    if (!allWithin(coefficients, MAX_COEFFICIENT)) {
      fail(`coefficients must lie within \xB1${MAX_COEFFICIENT}`);
    }
    const grid = data.grid;
    if (grid === null || typeof grid !== "object") {
      fail("grid is missing");
    }
    const origin = finite2(grid, "origin_ms");
    const step2 = finite2(grid, "step_ms");
    const residuals = data.residuals;
    if (residualSummaryOf(residuals) === null) {
      fail("residuals need finite band, scale and outlier widths \u2265 0, with positive scales");
    }
    let params;
    try {
      params = resolveParams(data.params);
    } catch (error) {
      fail(`params: ${error.message}`);
    }
    const tail = tailOf(data, kernels);
    if (!isTimeScale(step2)) {
      fail(`grid step_ms must be a time scale from 1e-6 to 1e100 ms, got ${step2}`);
    }
    if (!wholeIn(data.tail_start_cell, 0, MAX_POINTS2) || !wholeIn(data.max_run, 0, MAX_POINTS2)) {
      fail("tail_start_cell or max_run is out of range");
    }
    if (tail.length === 0) {
      fail("tail is empty");
    }
    if (!allWithin(tail, MAX_COEFFICIENT)) {
      fail(`tail must lie within \xB1${MAX_COEFFICIENT} (x units)`);
    }
    if (typeof data.nonnegative !== "boolean" || !["day", "week", "none"].includes(data.period)) {
      fail("nonnegative or period is not valid");
    }
    return {
      family: "autoregressive",
      version: AUTOREGRESSIVE_VERSION,
      params,
      history_start: finite2(data, "history_start"),
      history_end: finite2(data, "history_end"),
      n_train: finite2(data, "n_train"),
      grid: { origin_ms: origin, step_ms: step2 },
      center: bounded(data, "center", MAX_SERIES_MAGNITUDE),
      y_scale: seriesScale(data, "y_scale"),
      period: data.period,
      structure,
      coefficients,
      tail,
      tail_start_cell: data.tail_start_cell,
      max_run: data.max_run,
      lowest: bounded(data, "lowest", MAX_COEFFICIENT),
      highest: bounded(data, "highest", MAX_COEFFICIENT),
      one_step_sd: seriesScale(data, "one_step_sd"),
      level_sd: seriesScale(data, "level_sd"),
      residuals,
      nonnegative: data.nonnegative,
      n_cleaned: finite2(data, "n_cleaned")
    };
  }

  // src/model/families/decompositionDays.ts
  function decompositionAloneDays(decomposition, prediction) {
    const { holidays, timestamps } = prediction;
    const offDays = daysForTheDecomposition(decomposition, timestamps);
    const n = timestamps.length;
    const alone = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      alone[i] = holidays[i] !== 0 || (offDays == null ? void 0 : offDays[i]) === 1 ? 1 : 0;
    }
    return alone;
  }
  function daysForTheDecomposition(member, ts) {
    var _a;
    const params = member.params;
    if (((_a = params.unseen_days_scale) != null ? _a : DEFAULT_UNSEEN_SCALE) > 0) {
      return unlearnedDays(
        params,
        /* @__PURE__ */ new Set(),
        { start: member.history_start, end: member.history_end, points: member.n_train },
        ts
      );
    }
    return holidayDays(params, ts);
  }

  // src/model/families/recentRepeats.ts
  var RECENT_WINDOW_MS = 24 * 36e5;
  var MAX_SIDE_PEAKS = 64;
  function labelsTraining(labelled, timestamps, end) {
    let k = 0;
    for (let i = 0; i < timestamps.length && timestamps[i] <= end; i++) {
      while (k < labelled.length && labelled[k][1] < timestamps[i]) {
        k++;
      }
      if (k === labelled.length) {
        return false;
      }
      if (labelled[k][0] <= timestamps[i]) {
        return true;
      }
    }
    return false;
  }
  function recentPeaks(timestamps, values, yhat, outlier, labelled, end) {
    const peaks = { below: [], above: [] };
    const from = end - RECENT_WINDOW_MS;
    let last = timestamps.length - 1;
    while (last >= 0 && timestamps[last] > end) {
      last--;
    }
    for (let i = last; i >= 0 && timestamps[i] >= from; i--) {
      const d = values[i] - yhat[i];
      if (!Number.isFinite(d) || outlier[i] !== 0 && !inside(labelled, timestamps[i])) {
        continue;
      }
      const side = d < 0 ? peaks.below : peaks.above;
      const r = Math.abs(d);
      if (side.length === 0 || r > side[side.length - 1][1]) {
        side.push([timestamps[i], r]);
      }
    }
    return {
      below: peaks.below.reverse().slice(0, MAX_SIDE_PEAKS),
      above: peaks.above.reverse().slice(0, MAX_SIDE_PEAKS)
    };
  }
  function inside(ranges, t) {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (ranges[mid][0] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 && t <= ranges[lo - 1][1];
  }
  function capRecentRepeats(prediction, values, peaks, trainingEnd, margin) {
    const { timestamps, yhat, score, outlier } = prediction;
    const n = timestamps.length;
    const sides = [new SideWindow(n, peaks.below), new SideWindow(n, peaks.above)];
    for (let i = 0; i < n; i++) {
      const t = timestamps[i];
      if (i > 0 && t < timestamps[i - 1]) {
        sides.forEach((side2) => side2.restart());
      }
      const d = values[i] - yhat[i];
      if (!Number.isFinite(d)) {
        continue;
      }
      const side = sides[d < 0 ? 0 : 1];
      const largest = side.largest(t, t > trainingEnd);
      const r = Math.abs(d);
      const repeat = largest > 0 && r <= margin * largest;
      if (repeat) {
        score[i] = Math.min(score[i], r / (r + margin * largest));
      }
      if (outlier[i] === 0) {
        side.add(t, r);
      } else if (repeat) {
        outlier[i] = 0;
      }
    }
  }
  var SideWindow = class {
    constructor(n, peaks) {
      this.peaks = peaks;
      this.head = 0;
      this.tail = 0;
      this.seed = 0;
      this.times = new Float64Array(n);
      this.sizes = new Float64Array(n);
    }
    restart() {
      this.head = this.tail = this.seed = 0;
    }
    /** The largest |residual| in the day before `t`, the training peaks included when `afterTraining`. */
    largest(t, afterTraining) {
      const from = t - RECENT_WINDOW_MS;
      while (this.head < this.tail && this.times[this.head] < from) {
        this.head++;
      }
      let largest = this.head < this.tail ? this.sizes[this.head] : 0;
      if (afterTraining) {
        while (this.seed < this.peaks.length && this.peaks[this.seed][0] < from) {
          this.seed++;
        }
        if (this.seed < this.peaks.length) {
          largest = Math.max(largest, this.peaks[this.seed][1]);
        }
      }
      return largest;
    }
    /** An ordinary point at `t` with |residual| `r`: it outlasts, and so replaces, every earlier one no larger. */
    add(t, r) {
      while (this.head < this.tail && this.sizes[this.tail - 1] <= r) {
        this.tail--;
      }
      this.times[this.tail] = t;
      this.sizes[this.tail++] = r;
    }
  };
  function readRecentPeaks(value, historyEnd, field) {
    const fail2 = (what) => {
      throw new ModelInputError(`serialized model has an invalid ${field}: ${what}`);
    };
    const o = value;
    if (o === null || typeof o !== "object" || !Array.isArray(o.below) || !Array.isArray(o.above)) {
      return fail2('needs "below" and "above" lists of [time, residual] pairs');
    }
    const side = (name, list) => {
      if (list.length > MAX_SIDE_PEAKS) {
        return fail2(`${name} has ${list.length} entries, at most ${MAX_SIDE_PEAKS}`);
      }
      return list.map((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2 || !Number.isFinite(pair[0]) || !Number.isFinite(pair[1])) {
          return fail2(`${name} entry ${i} needs a finite [time, residual] pair`);
        }
        const [t, r] = pair;
        const previous = i > 0 ? list[i - 1] : null;
        if (r < 0 || t > historyEnd || previous !== null && !(t >= previous[0] && r < previous[1])) {
          return fail2(
            `${name} entry ${i} must have a residual \u2265 0, a time at most the history's end, and no earlier time and a smaller residual than the one before`
          );
        }
        return [t, r];
      });
    };
    return { below: side("below", o.below), above: side("above", o.above) };
  }

  // src/model/families/falseAlarms.ts
  var MAX_ALARM_RAISE = 2;
  var ALARM_MARGIN = 1.1;
  var MAX_HELD = SCORE_HALF;
  var HELD_SLACK = 1;
  var MARKS = "false_alarm_marks";
  var RAISE = "false_alarm_raise";
  var PEAKS = "false_alarm_recent_peaks";
  function alarmRaiseCap(r, side) {
    const threshold = side === "above" ? r.outlier_above : r.outlier_below;
    const scale = side === "above" ? r.scale_above : r.scale_below;
    return threshold > 0 && scale > 0 ? MAX_ALARM_RAISE * Math.max(1, SCORE_HALF * scale / threshold) : MAX_ALARM_RAISE;
  }
  function marksAndPeaks(family, fitted, timestamps, values, kernels) {
    var _a, _b;
    const ranges = sortedRanges((_a = fitted.params.false_alarms) != null ? _a : []);
    if (ranges.length === 0) {
      return { marks: [], peaks: null };
    }
    const training = selectTrainingData(timestamps, values, (_b = fitted.params.exclude) != null ? _b : [], kernels);
    const judged = family.predict(fitted, training.timestamps, training.values, kernels);
    const sustained = readSustained(fitted.sustained);
    const held = sustained === null ? null : heldDeviations(training.values, judged.yhat, sustained, kernels, decompositionAloneDays(fitted, judged));
    const r = fitted.residuals;
    const marks = [];
    let open = {};
    const close = () => {
      var _a2;
      for (const side of ["below", "above"]) {
        const { flagged = null, held: heldHere = null } = (_a2 = open[side]) != null ? _a2 : {};
        if (flagged === null && (heldHere === null || heldHere.most < SCORE_HALF)) {
          continue;
        }
        const threshold = side === "above" ? r.outlier_above : r.outlier_below;
        const span = flagged != null ? flagged : heldHere;
        marks.push({
          side,
          from: span.from,
          to: span.to,
          raise: flagged === null ? 1 : raiseFactor(flagged.worst, threshold, alarmRaiseCap(r, side)),
          // A held deviation within a median's noise is no shape: recorded, it would quiet small shifts after a spike.
          ...heldHere === null || heldHere.most < HELD_SLACK ? {} : { held: Math.min(MAX_HELD, heldHere.most) }
        });
      }
      open = {};
    };
    const sideOf = (side) => {
      var _a2;
      return (_a2 = open[side]) != null ? _a2 : open[side] = { flagged: null, held: null };
    };
    let k = 0;
    for (let i = 0; i < judged.timestamps.length; i++) {
      const t = judged.timestamps[i];
      while (k < ranges.length && ranges[k][1] < t) {
        close();
        k++;
      }
      if (k === ranges.length) {
        break;
      }
      if (t < ranges[k][0]) {
        continue;
      }
      const h = held === null ? 0 : held[i];
      if (h !== 0) {
        const m = sideOf(h > 0 ? "above" : "below");
        m.held = m.held === null ? { from: t, to: t, most: Math.abs(h) } : { ...m.held, to: t, most: Math.max(m.held.most, Math.abs(h)) };
      }
      if (judged.outlier[i] !== 0) {
        const m = sideOf(judged.outlier[i] > 0 ? "above" : "below");
        const deviation = Math.abs(training.values[i] - judged.yhat[i]);
        m.flagged = m.flagged === null ? { from: t, to: t, worst: deviation } : { ...m.flagged, to: t, worst: Math.max(m.flagged.worst, deviation) };
      }
    }
    close();
    const end = fitted.history_end;
    const peaks = labelsTraining(ranges, training.timestamps, end) ? recentPeaks(training.timestamps, training.values, judged.yhat, judged.outlier, ranges, end) : null;
    return { marks: marks.sort((a, b) => a.from - b.from), peaks };
  }
  function heldDeviations(values, yhat, sustained, kernels, skip = null) {
    const residuals = Float64Array.from(yhat, (y, i) => skip !== null && skip[i] !== 0 ? NaN : values[i] - y);
    const medians = kernels.rollingMedians(residuals, sustained.points);
    return medians.map((m) => m !== m ? 0 : m < 0 ? m / sustained.scale_below : m / sustained.scale_above);
  }
  function raiseFactor(deviation, threshold, cap) {
    const wanted = threshold > 0 ? ALARM_MARGIN * deviation / threshold : cap;
    return Math.min(cap, Math.max(1, wanted));
  }
  function sortedRanges(ranges) {
    const sorted = ranges.map((r) => [r[0], r[1]]).sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of sorted) {
      const last = merged[merged.length - 1];
      if (last !== void 0 && range[0] <= last[1]) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.push(range);
      }
    }
    return merged;
  }
  function quietRepeats(fitted, prediction, values, marks, kernels) {
    const requiet = judgedUnderMarks(fitted, prediction, values, marks, kernels);
    if (requiet !== null) {
      const { outlier, score } = prediction;
      for (let i = 0; i < requiet.quiet.length; i++) {
        if (requiet.quiet[i] === 1) {
          outlier[i] = 0;
          score[i] = Math.min(score[i], requiet.score[i]);
        }
      }
    }
    return prediction;
  }
  function keepHeldRepeatsQuiet(fitted, values, yhat, skip, sustained, before, score, kernels) {
    var _a;
    const marks = (_a = fitted[MARKS]) != null ? _a : [];
    const bound = (side) => marks.reduce(
      (most, m) => m.side === side && m.held !== void 0 ? Math.max(most, ALARM_MARGIN * m.held + HELD_SLACK) : most,
      0
    );
    const [below, above] = [bound("below"), bound("above")];
    if (below === 0 && above === 0) {
      return;
    }
    const held = heldDeviations(values, yhat, sustained, kernels, skip);
    for (let i = 0; i < score.length; i++) {
      const h = held[i];
      if (score[i] > before[i] && (h > 0 ? h <= above : -h <= below)) {
        score[i] = before[i];
      }
    }
  }
  function judgedUnderMarks(fitted, prediction, values, marks, kernels) {
    const { timestamps, yhat, yhat_upper: upper } = prediction;
    const r = fitted.residuals;
    const largest = (side) => marks.reduce((most, m) => m.side === side ? Math.max(most, m.raise) : most, 1);
    const raised = { above: largest("above"), below: largest("below") };
    if (raised.above <= 1 && raised.below <= 1) {
      return null;
    }
    const n = timestamps.length;
    const ys = new Float64Array(n);
    const extra = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ys[i] = Number.isFinite(values[i]) ? values[i] : yhat[i];
      const spread = upper[i] - yhat[i];
      extra[i] = r.z > 0 ? Math.max(0, (spread * spread - r.band_above * r.band_above) / (r.z * r.z)) : 0;
    }
    const out = emptyJudgement(n);
    kernels.judge(yhat, ys, extra, judgeBand(r, fitted.nonnegative, raised), out);
    const quiet = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const value = values[i];
      const raise = value >= yhat[i] ? raised.above : raised.below;
      quiet[i] = Number.isFinite(value) && raise > 1 && out.outlier[i] === 0 ? 1 : 0;
    }
    return { quiet, score: out.score };
  }
  function readMarks(value, residuals) {
    const fail2 = (what) => {
      throw new ModelInputError(`serialized model has an invalid ${MARKS}: ${what}`);
    };
    if (!Array.isArray(value)) {
      return fail2("needs a list");
    }
    return value.map((item, i) => {
      const m = item;
      if (m === null || typeof m !== "object" || m.side !== "above" && m.side !== "below") {
        return fail2(`mark ${i} needs a side, "above" or "below"`);
      }
      if (!Number.isFinite(m.from) || !Number.isFinite(m.to) || m.to < m.from) {
        return fail2(`mark ${i} needs finite "from" and "to", from \u2264 to`);
      }
      const cap = alarmRaiseCap(residuals, m.side);
      if (typeof m.raise !== "number" || !Number.isFinite(m.raise) || !(m.raise >= 1 && m.raise <= cap)) {
        return fail2(`mark ${i} needs a "raise" from 1 to ${cap.toFixed(3)} (this model's ${m.side} cap, alarmRaiseCap)`);
      }
      if (m.held !== void 0 && !(typeof m.held === "number" && m.held > 0 && m.held <= MAX_HELD)) {
        return fail2(`mark ${i} has a "held" that is not above 0 and at most ${MAX_HELD} (MAX_HELD)`);
      }
      return {
        side: m.side,
        from: m.from,
        to: m.to,
        raise: m.raise,
        ...m.held === void 0 ? {} : { held: m.held }
      };
    });
  }
  function readRaise(value) {
    const o = value;
    const ok = (v) => typeof v === "number" && v >= 1 && v <= MAX_ALARM_RAISE;
    if (o === null || typeof o !== "object" || !ok(o.below) || !ok(o.above)) {
      throw new ModelInputError(
        `serialized model has an invalid ${RAISE}: needs "below" and "above" factors in 1..${MAX_ALARM_RAISE}`
      );
    }
    return { below: o.below, above: o.above };
  }
  function withFalseAlarms(family) {
    return {
      ...family,
      fit(timestamps, values, params, kernels, options) {
        const fitted = family.fit(timestamps, values, params, kernels, options);
        const { marks, peaks } = marksAndPeaks(family, fitted, timestamps, values, kernels);
        return marks.length === 0 && peaks === null ? fitted : {
          ...fitted,
          ...marks.length === 0 ? {} : { [MARKS]: marks },
          ...peaks === null ? {} : { [PEAKS]: peaks }
        };
      },
      predict(fitted, timestamps, values, kernels) {
        const prediction = family.predict(fitted, timestamps, values, kernels);
        const marks = fitted[MARKS];
        return marks === void 0 || values === void 0 ? prediction : quietRepeats(fitted, prediction, values, marks, kernels);
      },
      toJson(fitted, kernels) {
        const { [MARKS]: _marks, [RAISE]: _raise, [PEAKS]: _peaks, ...json } = family.toJson(fitted, kernels);
        const marks = fitted[MARKS];
        const raise = fitted[RAISE];
        const peaks = fitted[PEAKS];
        return {
          ...json,
          ...marks === void 0 ? {} : { [MARKS]: marks },
          ...raise === void 0 ? {} : { [RAISE]: raise },
          ...peaks === void 0 ? {} : { [PEAKS]: peaks }
        };
      },
      fromJson(data, kernels) {
        const { [MARKS]: marks, [RAISE]: raise, [PEAKS]: peaks, ...rest } = data;
        const fitted = family.fromJson(rest, kernels);
        return {
          ...fitted,
          ...marks === void 0 ? {} : { [MARKS]: readMarks(marks, fitted.residuals) },
          ...raise === void 0 ? {} : { [RAISE]: readRaise(raise) },
          ...peaks === void 0 ? {} : { [PEAKS]: readRecentPeaks(peaks, fitted.history_end, PEAKS) }
        };
      }
    };
  }

  // src/model/families/autoregressive.ts
  var autoregressiveFamily = withFalseAlarms({
    name: "autoregressive",
    version: AUTOREGRESSIVE_VERSION,
    fit: fitAutoregressive,
    predict: predictAutoregressive,
    toJson: autoregressiveToJson,
    fromJson: autoregressiveFromJson
  });

  // src/model/families/decomposition.ts
  var decompositionFamily = withFalseAlarms({
    name: "decomposition",
    version: MODEL_VERSION,
    // How far the trend may bend (Prophet's default first) and whether cycles scale with the level.
    selectionGrid: {
      changepoint_prior_scale: [0.05, 5e-3, 0.5],
      seasonality_mode: ["additive", "multiplicative"]
    },
    fit: (timestamps, values, params, kernels, options) => {
      var _a;
      return fit(timestamps, values, params, kernels, (_a = options == null ? void 0 : options.updatable) != null ? _a : true, options == null ? void 0 : options.shared);
    },
    predict: (fitted, timestamps, values, kernels) => predict(fitted, timestamps, values, kernels),
    update: (fitted, change, params, kernels) => update(fitted, change, params, kernels),
    toJson: (fitted) => toPlain(fitted),
    fromJson: (data) => {
      if (data.family !== void 0 && data.family !== "decomposition") {
        throw new ModelInputError(`serialized model is a ${String(data.family)} model, not a decomposition`);
      }
      return fromPlain(data);
    }
  });

  // src/model/sharedTraining.ts
  function sameRanges(a, b) {
    if (a === b) {
      return true;
    }
    return a.length === b.length && a.every((range, k) => range[0] === b[k][0] && range[1] === b[k][1]);
  }
  var SharedTraining = class {
    constructor(timestamps, values, exclude, kernels) {
      this.timestamps = timestamps;
      this.values = values;
      this.exclude = exclude;
      this.kernels = kernels;
      this.derived = /* @__PURE__ */ new Map();
    }
    /**
     * selectTrainingData of the fit's points, or null when a member asks with other points, exclusions or kernels
     * than the ensemble made this for (it then selects its own).
     */
    select(timestamps, values, exclude, kernels) {
      var _a;
      if (timestamps !== this.timestamps || values !== this.values || kernels !== this.kernels || !sameRanges(exclude, this.exclude)) {
        return null;
      }
      (_a = this.selected) != null ? _a : this.selected = selectTrainingData(timestamps, values, exclude, kernels);
      return this.selected;
    }
    /** screenGrossValues of `selected`: remembered when it is what select() gave, computed afresh otherwise. */
    screen(selected) {
      var _a;
      if (selected !== this.selected) {
        return screenGrossValues(selected, this.kernels);
      }
      (_a = this.screened) != null ? _a : this.screened = screenGrossValues(selected, this.kernels);
      return this.screened;
    }
    /** `compute(values)` by name, remembered only when `values` are the screened training's. */
    statistic(name, values, compute) {
      if (this.screened === void 0 || values !== this.screened.values) {
        return compute(values);
      }
      let value = this.derived.get(name);
      if (value === void 0) {
        value = compute(values);
        this.derived.set(name, value);
      }
      return value;
    }
  };

  // src/model/families/holtWinters.ts
  var DAY_MS8 = 864e5;
  var PERIOD_MS = { day: DAY_MS8, week: 7 * DAY_MS8 };
  var SEASON_NAMES = { day: "daily", week: "weekly" };
  var MAX_SEASON_SLOTS = 10080;
  var MAX_GRID_SLOTS = 4194304;
  var NONSEASONAL_INIT_SLOTS = 24;
  var CLIP = 3;
  var SHIFT_POINTS = 3;
  var SCALE_SMOOTHING = 0.05;
  var SEARCH_START = { alpha: 0.2, beta: 0.02, gamma: 0.15, phi: 0.9 };
  var SEARCH_GRID = {
    alpha: [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9],
    gamma: [0, 0.05, 0.15, 0.35, 0.6],
    beta: [0, 0.02, 0.1, 0.3],
    phi: [0.8, 0.9, 0.98]
  };
  var SEARCH_ROUNDS = 2;
  var MAX_SEARCH_RUNS = 1 + SEARCH_ROUNDS * Object.values(SEARCH_GRID).reduce((sum2, grid) => sum2 + grid.length - 1, 0);
  var HOLT_WINTERS_VERSION = 1;
  function choosePeriod2(requested, step2, spanMs) {
    const fits = (period) => {
      const slots2 = Math.round(PERIOD_MS[period] / step2);
      return slots2 >= 2 && slots2 <= MAX_SEASON_SLOTS && spanMs >= 2 * PERIOD_MS[period];
    };
    if (requested === "none") {
      return "none";
    }
    if (requested === "auto") {
      return fits("day") ? "day" : fits("week") ? "week" : "none";
    }
    const slots = Math.round(PERIOD_MS[requested] / step2);
    if (slots > MAX_SEASON_SLOTS) {
      throw new ModelInputError(
        `hw_period "${requested}" at this series' spacing of ${step2} ms needs ${slots} season slots; the limit is ${MAX_SEASON_SLOTS}`
      );
    }
    return fits(requested) ? requested : "none";
  }
  function slotOf2(t, grid) {
    return Math.floor((t - grid.origin) / grid.step + 0.5);
  }
  function lowerBound(ts, t, after = false) {
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (ts[mid] < t || after && ts[mid] === t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
  function upperBound(ts, t) {
    return lowerBound(ts, t, true);
  }
  function newTrace(n) {
    return {
      yhat: new Float64Array(n),
      level: new Float64Array(n),
      error: new Float64Array(n),
      horizon_variance: new Float64Array(n),
      weight: new Float64Array(n)
    };
  }
  function traceSlice(trace, from, to) {
    return {
      yhat: trace.yhat.subarray(from, to),
      level: trace.level.subarray(from, to),
      error: trace.error.subarray(from, to),
      horizon_variance: trace.horizon_variance.subarray(from, to),
      weight: trace.weight.subarray(from, to)
    };
  }
  function settingsOf(grid, smoothing, scaleFloor, scoreFrom) {
    return {
      ...grid,
      ...smoothing,
      clip: CLIP,
      shift_points: SHIFT_POINTS,
      scale_smoothing: SCALE_SMOOTHING,
      scale_floor: scaleFloor,
      score_from: scoreFrom
    };
  }
  function fixedSmoothing(p) {
    const fixed2 = (v) => v === "auto" ? null : v;
    return { alpha: fixed2(p.hw_alpha), beta: fixed2(p.hw_beta), gamma: fixed2(p.hw_gamma), phi: fixed2(p.hw_phi) };
  }
  function searchSmoothing(fixed2, seasonal, objective) {
    var _a, _b, _c, _d;
    const best = {
      alpha: (_a = fixed2.alpha) != null ? _a : SEARCH_START.alpha,
      beta: (_b = fixed2.beta) != null ? _b : SEARCH_START.beta,
      gamma: seasonal ? (_c = fixed2.gamma) != null ? _c : SEARCH_START.gamma : 0,
      phi: (_d = fixed2.phi) != null ? _d : SEARCH_START.phi
    };
    const free = Object.keys(SEARCH_GRID).filter(
      (k) => fixed2[k] === null && (k !== "gamma" || seasonal)
    );
    const seen = /* @__PURE__ */ new Map();
    const evaluate = (s) => {
      const key = `${s.alpha} ${s.beta} ${s.gamma} ${s.phi}`;
      let v = seen.get(key);
      if (v === void 0) {
        v = objective(s);
        seen.set(key, v);
      }
      return v;
    };
    let value = evaluate(best);
    for (let round = 0; round < SEARCH_ROUNDS && free.length > 0; round++) {
      let improved = false;
      for (const key of free) {
        for (const candidate of SEARCH_GRID[key]) {
          const v = evaluate({ ...best, [key]: candidate });
          if (v < value) {
            value = v;
            best[key] = candidate;
            improved = true;
          }
        }
      }
      if (!improved) {
        break;
      }
    }
    const runs = seen.size;
    return { best, value, runs };
  }
  function fitHoltWinters(timestamps, values, params, kernels) {
    const resolved = resolveParams(params);
    const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
    const ts = train.timestamps;
    const ys = train.values;
    const n = ts.length;
    if (n < 2 || !(ts[n - 1] > ts[0])) {
      throw new ModelInputError("the series needs at least two distinct timestamps with ordinary values");
    }
    const step2 = kernels.quantile(kernels.differences(ts, false, true), 0.5);
    const origin = ts[0];
    const totalSlots = Math.floor((ts[n - 1] - origin) / step2 + 0.5) + 1;
    if (totalSlots > MAX_GRID_SLOTS) {
      throw new ModelInputError(
        `the series spans ${totalSlots} steps of its median spacing (${step2} ms); holt_winters takes at most ${MAX_GRID_SLOTS}: resample it`
      );
    }
    const period = choosePeriod2(resolved.hw_period, step2, ts[n - 1] - origin + step2);
    const m = period === "none" ? 1 : Math.round(PERIOD_MS[period] / step2);
    const grid = { origin, step: step2, season_slots: m };
    const initSlots = m > 1 ? 2 * m : Math.min(totalSlots, NONSEASONAL_INIT_SLOTS);
    const scoreFrom = totalSlots >= 2 * initSlots ? initSlots : 0;
    const startState = kernels.holtWintersStart(ts, ys, grid, initSlots);
    const abs = kernels.scaled(ys, 1, true, null);
    const scaleFloor = Math.max(halfResolution(ys, kernels), 1e-9 * kernels.quantile(abs, 1));
    const noExclusions = new Float64Array(0);
    const trace = newTrace(n);
    const run = (smoothing, from) => {
      const state = startState.slice();
      const sse = kernels.holtWintersFilter(
        ts,
        ys,
        noExclusions,
        settingsOf(grid, smoothing, scaleFloor, from),
        state,
        trace
      );
      return { state, sse };
    };
    const search = searchSmoothing(fixedSmoothing(resolved), m > 1, (s) => run(s, scoreFrom).sse);
    const final = run(search.best, scoreFrom);
    let first = lowerBound(ts, origin + (scoreFrom - 0.5) * step2);
    if (n - first < 2) {
      first = 0;
    }
    const residuals = bandFromResiduals(
      kernels,
      trace.error.subarray(first),
      trace.weight.subarray(first),
      halfResolution(ys, kernels),
      1,
      { interval_width: resolved.interval_width, outlier_width: resolved.outlier_width, n_features: 0 }
    );
    const scored = n - first;
    return {
      family: "holt_winters",
      version: HOLT_WINTERS_VERSION,
      params: resolved,
      history_start: origin,
      history_end: ts[n - 1],
      n_train: n,
      grid,
      period,
      smoothing: search.best,
      scale_floor: scaleFloor,
      start_state: startState,
      state: final.state,
      residuals,
      sigma: (residuals.band_below + residuals.band_above) / (2 * residuals.z),
      nonnegative: resolved.nonnegative === "auto" ? train.min >= 0 : resolved.nonnegative,
      search: { runs: search.runs, objective: scored > 0 ? search.value / scored : 0 }
    };
  }
  function replay(fitted, ts, vs, kernels) {
    const n = ts.length;
    const trace = newTrace(n);
    const split = upperBound(ts, fitted.history_end);
    const settings = settingsOf(fitted.grid, fitted.smoothing, fitted.scale_floor, 0);
    const exclude = flatRanges(fitted.params.exclude);
    if (split > 0) {
      const state = fitted.start_state.slice();
      kernels.holtWintersFilter(
        ts.subarray(0, split),
        vs.subarray(0, split),
        exclude,
        settings,
        state,
        traceSlice(trace, 0, split)
      );
    }
    if (split < n) {
      const steps = slotOf2(ts[n - 1], fitted.grid) - fitted.state[0];
      if (steps > MAX_GRID_SLOTS) {
        throw new ModelInputError(
          `holt_winters predicts at most ${MAX_GRID_SLOTS} steps of ${fitted.grid.step} ms past its history, asked for ${steps}`
        );
      }
      const state = fitted.state.slice();
      kernels.holtWintersFilter(
        ts.subarray(split),
        vs.subarray(split),
        exclude,
        settings,
        state,
        traceSlice(trace, split, n)
      );
    }
    return trace;
  }
  function predictHoltWinters(fitted, timestamps, values, kernels) {
    const ts = toTimestamps(timestamps, kernels);
    const n = ts.length;
    const given = valuesToJudge(values, n);
    if (n > 1 && kernels.quantile(kernels.differences(ts, false, false), 0) < 0) {
      throw new ModelInputError("holt_winters predicts points in time order: sort them first");
    }
    const trace = replay(fitted, ts, given != null ? given : new Float64Array(n).fill(NaN), kernels);
    const seasonal = {};
    if (fitted.period !== "none") {
      const season = trace.yhat.slice();
      kernels.addScaled(season, trace.level, -1);
      seasonal[SEASON_NAMES[fitted.period]] = season;
    }
    const horizonVariance = kernels.scaled(trace.horizon_variance, fitted.sigma * fitted.sigma, false, null);
    return judgedPrediction(kernels, fitted, ts, trace.yhat, given, horizonVariance, () => ({
      trend: trace.level,
      seasonal
    }));
  }
  function toJson(fitted) {
    return { ...fitted, start_state: Array.from(fitted.start_state), state: Array.from(fitted.state) };
  }
  var isFiniteNumber2 = (v) => typeof v === "number" && Number.isFinite(v);
  function fromJson(data) {
    var _a, _b;
    if (data.family !== "holt_winters") {
      throw new ModelInputError(`serialized model is a ${String(data.family)} model, not holt_winters`);
    }
    if (data.version !== HOLT_WINTERS_VERSION) {
      throw new ModelInputError(
        `serialized holt_winters model version ${String(data.version)} is not supported (this Foresight reads version ${HOLT_WINTERS_VERSION}); fit the model again`
      );
    }
    const grid = (_a = data.grid) != null ? _a : void 0;
    const smoothing = (_b = data.smoothing) != null ? _b : void 0;
    const residuals = data.residuals;
    const m = grid == null ? void 0 : grid.season_slots;
    const stateOk = (s) => Array.isArray(s) && s.length === STATE_HEADER + (m != null ? m : 0) && s.every((v) => isFiniteNumber2(v));
    const ok = grid !== void 0 && isFiniteNumber2(grid.origin) && isFiniteNumber2(grid.step) && grid.step > 0 && Number.isInteger(m) && m >= 1 && m <= MAX_SEASON_SLOTS && smoothing !== void 0 && [smoothing.alpha, smoothing.beta, smoothing.gamma, smoothing.phi].every(isFiniteNumber2) && residualSummaryOf(residuals) !== null && stateOk(data.start_state) && stateOk(data.state) && isFiniteNumber2(data.sigma) && isFiniteNumber2(data.scale_floor) && isFiniteNumber2(data.history_end) && typeof data.params === "object" && data.params !== null && (data.period === "day" || data.period === "week" || data.period === "none");
    if (!ok) {
      throw new ModelInputError("serialized holt_winters model is incomplete");
    }
    const bounds = holtWintersBoundsProblem(data, grid, smoothing);
    if (bounds !== null) {
      throw new ModelInputError(`serialized holt_winters model: ${bounds}`);
    }
    const params = checkStoredParams(data.params, "serialized holt_winters model");
    const { format: _format, ...rest } = data;
    return {
      ...rest,
      params,
      start_state: Float64Array.from(data.start_state),
      state: Float64Array.from(data.state)
    };
  }
  function holtWintersBoundsProblem(data, grid, smoothing) {
    if (!isTimeScale(grid.step)) {
      return `grid step must be a time scale from 1e-6 to 1e100 ms, got ${grid.step}`;
    }
    for (const key of ["alpha", "beta", "gamma", "phi"]) {
      if (!(smoothing[key] >= 0 && smoothing[key] <= 1)) {
        return `smoothing ${key} must be in [0, 1], got ${smoothing[key]}`;
      }
    }
    for (const key of ["start_state", "state"]) {
      if (!allWithin(data[key], MAX_SERIES_MAGNITUDE)) {
        return `${key} must lie within \xB1${MAX_SERIES_MAGNITUDE}`;
      }
    }
    for (const key of ["sigma", "scale_floor"]) {
      if (!(within(data[key], MAX_SERIES_MAGNITUDE) && data[key] >= 0)) {
        return `${key} must be from 0 to ${MAX_SERIES_MAGNITUDE}`;
      }
    }
    return null;
  }
  var holtWintersFamily = withFalseAlarms({
    name: "holt_winters",
    version: HOLT_WINTERS_VERSION,
    fit: fitHoltWinters,
    predict: predictHoltWinters,
    toJson,
    fromJson,
    selectionGrid: { hw_period: ["auto", "week"] }
  });

  // src/model/families/neuralFeatures.ts
  var HOUR2 = 36e5;
  var DAY2 = 24 * HOUR2;
  var WEEK = 7 * DAY2;
  var FEATURES = 13;
  function observed(ts, ys) {
    const gaps = [];
    for (let i = 1; i < ts.length; i++) {
      if (ts[i] > ts[i - 1]) {
        gaps.push(ts[i] - ts[i - 1]);
      }
    }
    gaps.sort((a, b) => a - b);
    const step2 = gaps.length > 0 ? gaps[gaps.length >> 1] : HOUR2;
    return { ts, ys, past: ys, step: step2 };
  }
  function at(o, values, t, limit) {
    if (t > limit) {
      return NaN;
    }
    const i = firstAbove(o.ts, t);
    let best = -1;
    if (i > 0 && t - o.ts[i - 1] <= o.step / 2) {
      best = i - 1;
    }
    if (i < o.ts.length && o.ts[i] <= limit && o.ts[i] - t <= o.step / 2 && (best < 0 || o.ts[i] - t < t - o.ts[best])) {
      best = i;
    }
    return best < 0 ? NaN : values[best];
  }
  function mean2(o, values, from, to) {
    const a = firstAbove(o.ts, from);
    const b = firstAbove(o.ts, to);
    let s = 0;
    for (let i = a; i < b; i++) {
      s += values[i];
    }
    return b > a ? s / (b - a) : NaN;
  }
  function cosTurn(phase) {
    const turns = phase * 4;
    const q = Math.floor(turns + 0.5);
    const x = (turns - q) * (Math.PI / 2);
    const x2 = x * x;
    const c = 1 + x2 * (-1 / 2 + x2 * (1 / 24 + x2 * (-1 / 720 + x2 * (1 / 40320 - x2 / 3628800))));
    const sn = x * (1 + x2 * (-1 / 6 + x2 * (1 / 120 + x2 * (-1 / 5040 + x2 * (1 / 362880 - x2 / 39916800)))));
    switch ((q % 4 + 4) % 4) {
      case 0:
        return c;
      case 1:
        return -sn;
      case 2:
        return -c;
      default:
        return sn;
    }
  }
  function sinTurn(phase) {
    return cosTurn(phase - 0.25);
  }
  function expNegative(x) {
    const y = x / 256;
    let e = 1 - y * (1 - y / 2 * (1 - y / 3 * (1 - y / 4 * (1 - y / 5))));
    for (let i = 0; i < 8; i++) {
      e *= e;
    }
    return e;
  }
  function originState(o, origin) {
    const a = firstAbove(o.ts, origin - DAY2);
    const b = firstAbove(o.ts, origin);
    if (b - a < 4) {
      return null;
    }
    let s = 0;
    for (let i = a; i < b; i++) {
      s += o.past[i];
    }
    const n = b - a;
    const centre = s / n;
    let s2 = 0;
    for (let i = a; i < b; i++) {
      s2 += (o.past[i] - centre) * (o.past[i] - centre);
    }
    const scale = Math.max(Math.sqrt(s2 / n), 1e-12 * Math.max(1, Math.abs(centre)));
    if (!Number.isFinite(scale)) {
      return null;
    }
    const norm = (v) => Number.isFinite(v) ? (v - centre) / scale : 0;
    const last = o.ys[b - 1];
    return {
      origin,
      centre,
      scale,
      now: norm(last),
      nowYesterday: norm(at(o, o.past, o.ts[b - 1] - DAY2, origin)),
      hour: norm(mean2(o, o.ys, origin - HOUR2, origin)),
      hourYesterday: norm(mean2(o, o.past, origin - DAY2 - HOUR2, origin - DAY2))
    };
  }
  function writeFeatures(o, s, target, out) {
    const h = target - s.origin;
    const k = Math.max(1, Math.ceil(h / DAY2 - 1e-9));
    const norm = (v, fallback) => Number.isFinite(v) ? (v - s.centre) / s.scale : fallback;
    const day1 = norm(at(o, o.past, target - k * DAY2, s.origin), s.now);
    const day2 = norm(at(o, o.past, target - (k + 1) * DAY2, s.origin), day1);
    const week = norm(at(o, o.past, target - Math.ceil(h / WEEK - 1e-9) * WEEK, s.origin), day1);
    const dayPhase = (target % DAY2 + DAY2) % DAY2 / DAY2;
    const weekPhase = ((Math.floor(target / DAY2) + 4) % 7 + 7) % 7 / 7;
    out[0] = day1;
    out[1] = day2;
    out[2] = week;
    out[3] = s.now;
    out[4] = s.nowYesterday;
    out[5] = s.hour;
    out[6] = s.hourYesterday;
    const seen = Math.min(h, DAY2);
    out[7] = seen / DAY2;
    out[8] = expNegative(seen / (3 * HOUR2));
    out[9] = sinTurn(dayPhase);
    out[10] = cosTurn(dayPhase);
    out[11] = sinTurn(weekPhase);
    out[12] = cosTurn(weekPhase);
  }
  function trainingRows2(o, horizon, originEvery, perOrigin, maxRows, rand) {
    const first = o.ts[0] + 2 * DAY2;
    const end = o.ts[o.ts.length - 1];
    const X = new Float64Array(maxRows * FEATURES);
    const y = new Float64Array(maxRows);
    let rows = 0;
    for (let origin = end - o.step; origin >= first && rows + perOrigin <= maxRows; origin -= originEvery) {
      const s = originState(o, origin);
      if (s === null) {
        continue;
      }
      const a = firstAbove(o.ts, origin);
      const b = firstAbove(o.ts, Math.min(end, origin + horizon));
      const count2 = b - a;
      for (let r = 0; r < Math.min(perOrigin, count2); r++) {
        const i = count2 <= perOrigin ? a + r : a + Math.floor(rand() * count2);
        writeFeatures(o, s, o.ts[i], X.subarray(rows * FEATURES, (rows + 1) * FEATURES));
        y[rows] = (o.ys[i] - s.centre) / s.scale;
        rows++;
      }
    }
    return { X: X.subarray(0, rows * FEATURES), y: y.subarray(0, rows) };
  }

  // src/model/families/neural.ts
  var HOUR3 = 36e5;
  var DAY3 = 24 * HOUR3;
  var NEURAL_VERSION = 1;
  var TARGETS_PER_ORIGIN = 8;
  var MAX_TRAINING_ROWS = 2e4;
  var BATCH = 64;
  var LEARNING_RATE = 3e-3;
  var SEED = 1e3;
  var MAX_STEP = 6 * HOUR3;
  var MIN_SPAN = 3 * DAY3;
  var MAX_NEURAL_POINTS = 20160;
  var REJECT = 8;
  var STAND_IN_DAYS = 7;
  function originOf(t, end) {
    return t > end ? end : end - (Math.floor((end - t) / DAY3) + 1) * DAY3;
  }
  function expectations(o, weights, hidden, level, end, ts, kernels) {
    const n = ts.length;
    const rows = new Float64Array(n * FEATURES);
    const states = /* @__PURE__ */ new Map();
    const stateOf = new Array(n);
    for (let i = 0; i < n; i++) {
      const origin = originOf(ts[i], end);
      let s = states.get(origin);
      if (s === void 0) {
        s = originState(o, origin);
        states.set(origin, s);
      }
      stateOf[i] = s;
      if (s !== null) {
        writeFeatures(o, s, ts[i], rows.subarray(i * FEATURES, (i + 1) * FEATURES));
      }
    }
    const out = kernels.networkOutputs(weights, rows, FEATURES, hidden);
    const yhat = new Float64Array(n);
    const trend = new Float64Array(n);
    const forecast = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = stateOf[i];
      if (s !== null) {
        yhat[i] = s.centre + s.scale * out[i];
        trend[i] = s.centre;
        forecast[i] = 1;
      } else {
        yhat[i] = sameSlot(o, ts[i], level);
        trend[i] = level;
      }
    }
    return { yhat, trend, forecast };
  }
  function sameSlot(o, t, fallback) {
    for (let k = 1; k <= STAND_IN_DAYS; k++) {
      for (const u of [t - k * DAY3, t + k * DAY3]) {
        const i = firstAbove(o.ts, u - o.step / 2);
        if (i < o.ts.length && o.ts[i] <= u + o.step / 2) {
          return o.past[i];
        }
      }
    }
    return fallback;
  }
  function forecastResiduals(ys, yhat, forecast, from, to, sigma) {
    let m = 0;
    for (let i = from; i < to; i++) {
      m += forecast[i];
    }
    const residuals = new Float64Array(m);
    const weight = new Float64Array(m);
    for (let i = from, k = 0; i < to; i++) {
      if (forecast[i] === 1) {
        residuals[k] = ys[i] - yhat[i];
        weight[k] = Math.abs(residuals[k]) <= REJECT * sigma ? 1 : 0;
        k++;
      }
    }
    return { residuals, weight };
  }
  function robustScale(residuals, values, kernels) {
    const abs = kernels.scaled(residuals, 1, true, null);
    const size = kernels.quantile(kernels.scaled(values, 1, true, null), 0.5);
    return Math.max(
      kernels.madSigma(residuals, 1.4826),
      abs.length > 0 ? kernels.quantile(abs, 0.9) / 1.6448536269514722 : 0,
      halfResolution(values, kernels),
      1e-9 * size,
      1e-300
    );
  }
  function observedPrefix(o, count2) {
    return { ts: o.ts.subarray(0, count2), ys: o.ys.subarray(0, count2), past: o.past.subarray(0, count2), step: o.step };
  }
  function fitNeural(timestamps, values, params, kernels) {
    const resolved = resolveParams(params);
    const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
    const newest = Math.max(0, train.timestamps.length - MAX_NEURAL_POINTS);
    const raw = observed(train.timestamps.subarray(newest), train.values.subarray(newest));
    const n = raw.ts.length;
    const span = raw.ts[n - 1] - raw.ts[0];
    if (newest > 0 && span < MIN_SPAN) {
      throw new ModelInputError(
        `neural learns from the newest ${MAX_NEURAL_POINTS} points, which span only ${(span / HOUR3).toFixed(1)} hours of this series, less than the 3 days it needs: use a coarser step`
      );
    }
    if (raw.step > MAX_STEP || span < MIN_SPAN) {
      throw new ModelInputError(
        `neural needs a series with at least 4 points a day and 3 days of history; this one spans ${(span / HOUR3).toFixed(1)} hours at a median spacing of ${Math.round(raw.step / 6e4)} minutes`
      );
    }
    const hidden = resolved.neural_hidden;
    let rows = 0;
    const trainOn = (data) => {
      const { X, y } = trainingRows2(data, DAY3, HOUR3, TARGETS_PER_ORIGIN, MAX_TRAINING_ROWS, seededUniform(SEED));
      if (y.length === 0) {
        throw new ModelInputError("neural found no day in the history with the 4 points it needs to scale by");
      }
      rows = y.length;
      const settings = { inputs: FEATURES, hidden, steps: resolved.neural_steps, batch: BATCH };
      return kernels.trainNetwork(X, y, { ...settings, learning_rate: LEARNING_RATE, seed: SEED + 1 });
    };
    const end = raw.ts[n - 1];
    const level = kernels.quantile(raw.ys, 0.5);
    const weights = trainOn(raw);
    const trainingRowCount = rows;
    const first = expectations(raw, weights, hidden, level, end, raw.ts, kernels);
    const firstResiduals = forecastResiduals(raw.ys, first.yhat, first.forecast, 0, n, Infinity).residuals;
    const sigma = robustScale(firstResiduals, raw.ys, kernels);
    const far = (yhat, forecast, i) => forecast[i] === 1 && Math.abs(raw.ys[i] - yhat[i]) > REJECT * sigma;
    const candidates = raw.ys.slice();
    for (let i = 0; i < n; i++) {
      if (far(first.yhat, first.forecast, i)) {
        candidates[i] = first.yhat[i];
      }
    }
    const second = expectations({ ...raw, past: candidates }, weights, hidden, level, end, raw.ts, kernels);
    const cleanValues = raw.ys.slice();
    for (let i = 0; i < n; i++) {
      if (candidates[i] !== raw.ys[i] && far(second.yhat, second.forecast, i)) {
        cleanValues[i] = second.yhat[i];
      }
    }
    const clean = { ...raw, past: cleanValues };
    const served = expectations(clean, weights, hidden, level, end, raw.ts, kernels);
    const { residuals, weight } = forecastResiduals(raw.ys, served.yhat, served.forecast, 0, n, sigma);
    let holdout2 = null;
    if (span >= MIN_SPAN + DAY3) {
      const cut = firstAbove(raw.ts, end - DAY3);
      const held = trainOn(observedPrefix(raw, cut));
      const heldYhat = expectations(clean, held, hidden, level, end, raw.ts, kernels);
      const inside2 = forecastResiduals(raw.ys, heldYhat.yhat, heldYhat.forecast, 0, cut, sigma);
      holdout2 = {
        outOfSample: forecastResiduals(raw.ys, heldYhat.yhat, heldYhat.forecast, cut, n, Infinity).residuals,
        inSample: kernels.scaled(inside2.residuals, 1, false, inside2.weight)
      };
    }
    const resolution = halfResolution(raw.ys, kernels);
    return {
      family: "neural",
      version: NEURAL_VERSION,
      params: resolved,
      history_start: raw.ts[0],
      history_end: end,
      n_train: n,
      times: raw.ts,
      values: raw.ys,
      past_values: cleanValues,
      step: raw.step,
      hidden,
      weights,
      level,
      residuals: bandFromResiduals(kernels, residuals, weight, resolution, 1, {
        interval_width: resolved.interval_width,
        outlier_width: resolved.outlier_width,
        n_features: 0,
        inflation: holdoutInflation(kernels, holdout2),
        holdout: holdout2 == null ? void 0 : holdout2.outOfSample
      }),
      nonnegative: resolved.nonnegative === "auto" ? kernels.quantile(raw.ys, 0) >= 0 : resolved.nonnegative,
      training_rows: trainingRowCount
    };
  }
  function predictNeural(fitted, timestamps, values, kernels) {
    const ts = toTimestamps(timestamps, kernels);
    const vs = valuesToJudge(values, ts.length);
    const o = { ts: fitted.times, ys: fitted.values, past: fitted.past_values, step: fitted.step };
    const { yhat, trend } = expectations(o, fitted.weights, fitted.hidden, fitted.level, fitted.history_end, ts, kernels);
    return judgedPrediction(kernels, fitted, ts, yhat, vs, null, () => ({ trend }));
  }
  function toJson2(fitted, kernels) {
    const { times, past_values: past, ...rest } = fitted;
    const incidents = [];
    for (let i = 0; i < past.length; i++) {
      if (past[i] !== fitted.values[i]) {
        incidents.push(i, past[i]);
      }
    }
    return {
      ...rest,
      incidents,
      time_runs: Array.from(kernels.collapseRuns(times)),
      values: kernels.encodeFloat64s(fitted.values),
      weights: kernels.encodeFloat64s(fitted.weights)
    };
  }
  var isFiniteNumber3 = (v) => typeof v === "number" && Number.isFinite(v);
  function timesOf(value, kernels) {
    const runs = finiteNumbers(value, 2 * MAX_NEURAL_POINTS + 1);
    const count2 = runs === null ? null : timeRunsCount(runs);
    return runs !== null && count2 !== null && count2 <= MAX_NEURAL_POINTS ? kernels.expandRuns(runs) : null;
  }
  var MAX_VALUE = 1e3 * MAX_TYPICAL_MAGNITUDE;
  var MAX_WEIGHT = 1e3;
  function withinBound(values, bound) {
    for (let i = 0; i < values.length; i++) {
      if (!(Math.abs(values[i]) <= bound)) {
        return false;
      }
    }
    return true;
  }
  function pastValues(values, incidents) {
    const changes = finiteNumbers(incidents, 2 * values.length);
    if (changes === null || changes.length % 2 !== 0) {
      return null;
    }
    const past = values.slice();
    for (let k = 0; k < changes.length; k += 2) {
      const i = changes[k];
      if (!(Number.isInteger(i) && i >= 0 && i < values.length)) {
        return null;
      }
      past[i] = changes[k + 1];
    }
    return past;
  }
  function fromJson2(data, kernels) {
    if (data.family !== "neural") {
      throw new ModelInputError(`serialized model is a ${String(data.family)} model, not neural`);
    }
    if (data.version !== NEURAL_VERSION) {
      throw new ModelInputError(
        `serialized neural model version ${String(data.version)} is not supported (this Foresight reads version ${NEURAL_VERSION}); fit the model again`
      );
    }
    const times = timesOf(data.time_runs, kernels);
    const values = finiteFloat64Text(data.values, kernels);
    const weights = finiteFloat64Text(data.weights, kernels);
    const hidden = data.hidden;
    const residuals = residualSummaryOf(data.residuals);
    const past = values === null ? null : pastValues(values, data.incidents);
    const ok = times !== null && times.length >= 2 && values !== null && values.length === times.length && past !== null && typeof hidden === "number" && Number.isInteger(hidden) && hidden >= NEURAL_LIMITS.hidden.min && hidden <= NEURAL_LIMITS.hidden.max && weights !== null && weights.length === networkSize(FEATURES, hidden) && isFiniteNumber3(data.step) && isFiniteNumber3(data.level) && isFiniteNumber3(data.history_end) && residuals !== null && typeof data.nonnegative === "boolean" && typeof data.params === "object" && data.params !== null;
    if (!ok) {
      throw new ModelInputError("serialized neural model is incomplete");
    }
    const outOfBounds = !isTimeScale(data.step) ? "step must be a time scale from 1e-6 to 1e100 ms" : !withinBound(values, MAX_VALUE) || !withinBound(past, MAX_VALUE) || !(Math.abs(data.level) <= MAX_VALUE) ? `values, incidents and level must lie within \xB1${MAX_VALUE}` : !withinBound(weights, MAX_WEIGHT) ? `weights must lie within \xB1${MAX_WEIGHT}` : null;
    if (outOfBounds !== null) {
      throw new ModelInputError(`serialized neural model: ${outOfBounds}`);
    }
    const params = checkStoredParams(data.params, "serialized neural model");
    const { format: _format, time_runs: _runs, incidents: _incidents, ...rest } = data;
    return { ...rest, params, times, values, past_values: past, weights, residuals };
  }
  var neuralFamily = withFalseAlarms({
    name: "neural",
    version: NEURAL_VERSION,
    // A fit trains two networks (some 66 decomposition fits); online, a point is then judged by a forecast up to a
    // day old rather than hours old, which the accuracy bench prices (next hour against next day).
    onlineRefitMs: DAY3,
    fit: fitNeural,
    predict: predictNeural,
    toJson: toJson2,
    fromJson: fromJson2
  });

  // src/model/valueGrid.ts
  var GRID_SCALE_FRACTION = 1 / 1024;
  function judgedScale(r) {
    return Math.min(r.band_below, r.band_above, r.scale_below, r.scale_above);
  }
  function gridStep(values, scale, kernels) {
    if (values.length === 0) {
      return 0;
    }
    const lossless = kernels.coarsestBinaryStep(values);
    const fine = powerOfTwoAtMost(scale * GRID_SCALE_FRACTION);
    const step2 = lossless === Infinity ? 1 : Math.max(lossless, fine);
    if (!isGridStep(step2)) {
      return 0;
    }
    const largest = kernels.quantile(kernels.scaled(values, 1, true, null), 1);
    return largest / step2 <= MAX_GRID_STEPS - 1 ? step2 : 0;
  }
  function onGrid(values, step2, kernels) {
    return step2 > 0 ? kernels.decodeValueSteps(kernels.encodeValueSteps(values, step2), step2) : values;
  }

  // src/model/families/pastCalendar.ts
  function zoneYear(ms, offsetMinutes) {
    return new Date(ms + offsetMinutes * 6e4).getUTCFullYear();
  }
  function holidayGroups2(params, fromYear, toYear) {
    var _a, _b;
    const groups = [];
    for (const country of params.country_holidays) {
      let dates;
      try {
        const range = countryYearRange(country);
        const from = Math.max(fromYear, range.fromYear);
        const to = Math.min(toYear, range.toYear);
        dates = from <= to ? countryHolidays(country, from, to).map((h) => h.date) : [];
      } catch (e) {
        throw new ModelInputError(e instanceof Error ? e.message : String(e));
      }
      groups.push({ dates, lower: params.holidays_lower_window, upper: params.holidays_upper_window });
    }
    for (const h of params.holidays) {
      groups.push({ dates: h.dates, lower: (_a = h.lower_window) != null ? _a : 0, upper: (_b = h.upper_window) != null ? _b : 0 });
    }
    return groups;
  }
  function holidayRanges(params, first, last) {
    const tz = params.holidays_tz_offset_minutes;
    const ranges = [];
    for (const g of holidayGroups2(params, zoneYear(first, tz) - 1, zoneYear(last, tz) + 1)) {
      if (g.dates.length === 0) {
        continue;
      }
      for (const { intervals } of holidayIntervals(g.dates, g.lower, g.upper, tz)) {
        for (let k = 0; k + 1 < intervals.length; k += 2) {
          if (intervals[k + 1] > first && intervals[k] <= last) {
            ranges.push([intervals[k], intervals[k + 1] - 1]);
          }
        }
      }
    }
    return ranges;
  }

  // src/model/families/pastSerialize.ts
  var VERSION = 4;
  var LIST_VERSION2 = 2;
  var FLOAT_TEXT_VERSION = 3;
  var VERSIONS = [LIST_VERSION2, FLOAT_TEXT_VERSION, VERSION];
  var MAX_STEP_CHARS = 11;
  function timeRuns(times, kernels) {
    return Array.from(kernels.collapseRuns(times));
  }
  function fromTimeRuns(runs, kernels) {
    const n = timeRunsCount(runs);
    if (n === null) {
      bad("time_runs must be a first time and pairs of a non-negative step and a whole count");
    }
    if (n > MAX_POINTS2) {
      bad(`time_runs holds ${n} times, more than ${MAX_POINTS2}`);
    }
    return kernels.expandRuns(runs);
  }
  var MINUTE_MS3 = 6e4;
  function skippedIndices(usable, kernels) {
    const n = usable.length;
    if (n === 0) {
      return [];
    }
    const unusable = new Float64Array(n).fill(1);
    kernels.addScaled(unusable, usable, -1);
    const indices = n === 1 ? Float64Array.of(0) : kernels.expandRuns(Float64Array.of(0, 1, n - 1));
    return Array.from(kernels.scaled(indices, 1, false, unusable));
  }
  function pastToJson(fitted, kernels) {
    return {
      family: "past",
      version: VERSION,
      params: fitted.params,
      history_start: fitted.history_start,
      history_end: fitted.history_end,
      n_train: fitted.n_train,
      period_ms: fitted.period_ms,
      tolerance_ms: fitted.tolerance_ms,
      time_runs: timeRuns(fitted.times, kernels),
      ...fitted.value_step > 0 ? { value_step: fitted.value_step, value_steps: kernels.encodeValueSteps(fitted.values, fitted.value_step) } : { values: kernels.encodeFloat64s(fitted.values) },
      skipped: skippedIndices(fitted.usable, kernels),
      level: fitted.level,
      shift: fitted.shift,
      residuals: fitted.residuals,
      nonnegative: fitted.nonnegative
    };
  }
  function bad(what) {
    throw new ModelInputError(`serialized past model: ${what}`);
  }
  function finite3(data, key) {
    const v = data[key];
    return typeof v === "number" && Number.isFinite(v) ? v : bad(`${key} must be a finite number`);
  }
  function bounded2(data, key) {
    const v = finite3(data, key);
    return Math.abs(v) <= MAX_SERIES_MAGNITUDE ? v : bad(`${key} must lie within \xB1${MAX_SERIES_MAGNITUDE}, got ${v}`);
  }
  function numbers2(data, key) {
    var _a;
    return (_a = finiteNumbers(data[key])) != null ? _a : bad(`${key} must be a list of finite numbers`);
  }
  function trainingValues(data, n, kernels) {
    var _a;
    if (data.version === LIST_VERSION2) {
      return { values: numbers2(data, "values"), step: 0 };
    }
    if (data.version === VERSION && data.value_steps !== void 0) {
      const step2 = data.value_step;
      const text = data.value_steps;
      if (typeof step2 !== "number" || !isGridStep(step2)) {
        bad("value_step must be a power of two");
      }
      if (typeof text !== "string" || text.length > MAX_STEP_CHARS * n) {
        bad(`value_steps must be text of ${n} value steps`);
      }
      try {
        return { values: kernels.decodeValueSteps(text, step2), step: step2 };
      } catch (e) {
        bad(`value_steps must be text of ${n} value steps`);
      }
    }
    const values = (_a = finiteFloat64Text(data.values, kernels)) != null ? _a : bad("values must be base64 text of finite float64 values");
    return { values, step: 0 };
  }
  function pastFromJson(data, kernels) {
    var _a;
    if (data.family !== "past") {
      bad(`it is a ${String(data.family)} model`);
    }
    if (!VERSIONS.includes(data.version)) {
      bad(`version ${JSON.stringify(data.version)} is not one of ${VERSIONS.join(", ")}; refit the model`);
    }
    if (data.params === null || typeof data.params !== "object") {
      bad("params must be an object");
    }
    const params = resolveParams(data.params);
    const times = fromTimeRuns(numbers2(data, "time_runs"), kernels);
    const n = times.length;
    const { values, step: step2 } = trainingValues(data, n, kernels);
    if (n === 0 || values.length !== n) {
      bad(`times (${n}) and values (${values.length}) must be as many, and some`);
    }
    const usable = new Float64Array(n).fill(1);
    const skipped = numbers2(data, "skipped");
    for (let k = 0; k < skipped.length; k++) {
      const i = skipped[k];
      if (!(Number.isInteger(i) && i >= 0 && i < n)) {
        bad(`skipped index ${i} is not a point`);
      }
      usable[i] = 0;
    }
    const period = finite3(data, "period_ms");
    const tolerance = finite3(data, "tolerance_ms");
    if (!(period >= MINUTE_MS3 && period <= MAX_COEFFICIENT && tolerance >= 0 && tolerance < period)) {
      bad("period_ms must be at least a minute (at most 1e100 ms) and tolerance_ms within [0, period_ms)");
    }
    if (!allWithin(values, MAX_SERIES_MAGNITUDE)) {
      bad(`values must lie within \xB1${MAX_SERIES_MAGNITUDE}`);
    }
    const residuals = (_a = residualSummaryOf(data.residuals)) != null ? _a : bad("residuals need finite band, scale and outlier widths \u2265 0, with positive scales");
    if (typeof data.nonnegative !== "boolean") {
      bad("nonnegative must be true or false");
    }
    return {
      family: "past",
      version: VERSION,
      params,
      history_start: finite3(data, "history_start"),
      history_end: finite3(data, "history_end"),
      n_train: finite3(data, "n_train"),
      period_ms: period,
      tolerance_ms: tolerance,
      times,
      values,
      value_step: step2,
      usable,
      level: bounded2(data, "level"),
      shift: bounded2(data, "shift"),
      residuals,
      nonnegative: data.nonnegative
    };
  }

  // src/model/families/past.ts
  var HOUR_MS = 36e5;
  var DAY_MS9 = 24 * HOUR_MS;
  var WEEK_MS2 = 7 * DAY_MS9;
  var MIN_COMPARED = 5;
  var LOOKBACK_FACTOR = 2;
  var SKIP_ROUNDS = 2;
  var LEVEL_POINTS = 24;
  var PAST_VERSION = 4;
  function pastTraining(timestamps, values, params, kernels, shared) {
    var _a, _b;
    const selected = (_a = shared == null ? void 0 : shared.select(timestamps, values, params.exclude, kernels)) != null ? _a : selectTrainingData(timestamps, values, params.exclude, kernels);
    const last = selected.timestamps.length - 1;
    const holidays = holidayRanges(params, selected.timestamps[0], selected.timestamps[last]);
    if (holidays.length > 0) {
      return screenGrossValues(selectTrainingData(selected.timestamps, selected.values, holidays, kernels), kernels);
    }
    return (_b = shared == null ? void 0 : shared.screen(selected)) != null ? _b : screenGrossValues(selected, kernels);
  }
  function slotPlan(times, params, kernels) {
    const gaps = kernels.differences(times, false, true);
    if (gaps.length === 0) {
      throw new ModelInputError("the series needs at least two distinct timestamps with ordinary values");
    }
    const spacing = kernels.quantile(gaps, 0.5);
    const span = times[times.length - 1] - times[0] + spacing;
    const period = params.past_period === "week" || params.past_period === "auto" && span >= 2 * WEEK_MS2 ? WEEK_MS2 : DAY_MS9;
    if (spacing > period) {
      throw new ModelInputError(
        `the series' spacing (${days(spacing)}) is longer than past_period (${days(period)}): the past model compares a time with the same time one period earlier`
      );
    }
    return { period, tolerance: spacing / 2 };
  }
  function days(ms) {
    const d = ms / DAY_MS9;
    return `${Number.isInteger(d) ? d : d.toFixed(2)} day${d === 1 ? "" : "s"}`;
  }
  function summaries(kernels, queries, fitted, usable, fallback, spec) {
    const out = { summary: new Float64Array(queries.length), used: new Float64Array(queries.length) };
    kernels.slotSummaries(queries, fitted.times, fitted.values, usable, fallback, spec, out);
    return out;
  }
  function slotSpec(period, tolerance, params, end, shift = 0) {
    const count2 = params.past_periods;
    return { period_ms: period, tolerance_ms: tolerance, count: count2, max_lags: LOOKBACK_FACTOR * count2, end_ms: end, shift };
  }
  function departures(kernels, values, expected) {
    const r = values.slice();
    kernels.addScaled(r, expected, -1);
    return r;
  }
  function usablePoints(kernels, train, past, resolution, yScale, outlierWidth) {
    const n = train.times.length;
    const z = normalQuantile(1 - (1 - outlierWidth) / 2);
    let usable = null;
    for (let round = 0; round < SKIP_ROUNDS; round++) {
      const forward2 = { ...past, period_ms: -past.period_ms };
      const ahead = summaries(kernels, train.times, train, usable, train.values, forward2);
      const behind = summaries(kernels, train.times, train, usable, ahead.summary, past);
      const r = departures(kernels, train.values, behind.summary);
      const limit = z * Math.max(kernels.madSigma(r, MAD_TO_SIGMA), resolution, 1e-9 * yScale);
      const next = new Float64Array(n);
      kernels.hampelWeights(r, limit, next, new Float64Array(n), { a: 1, b: 1, c: 1 });
      usable = next;
    }
    return usable;
  }
  function firstAtOrAfter(times, t) {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (times[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
  function fitPast(timestamps, values, params, kernels, options) {
    var _a, _b;
    const resolved = resolveParams(params);
    const shared = options == null ? void 0 : options.shared;
    const train = pastTraining(timestamps, values, resolved, kernels, shared);
    const { period, tolerance } = slotPlan(train.timestamps, resolved, kernels);
    const n = train.timestamps.length;
    const end = train.timestamps[n - 1];
    const points = { times: train.timestamps, values: train.values };
    const spec = slotSpec(period, tolerance, resolved, end);
    const yScale = (_a = shared == null ? void 0 : shared.statistic("scale", train.values, (v) => scaleOf(v, kernels))) != null ? _a : scaleOf(train.values, kernels);
    const resolution = (_b = shared == null ? void 0 : shared.statistic("resolution", train.values, (v) => halfResolution(v, kernels))) != null ? _b : halfResolution(train.values, kernels);
    const usable = resolved.past_clean ? usablePoints(kernels, points, spec, resolution, yScale, resolved.outlier_width) : new Float64Array(n).fill(1);
    const own = summaries(kernels, train.timestamps, points, usable, null, spec);
    const r = departures(kernels, train.values, own.summary);
    const compared = kernels.scaled(r, 1 / yScale, false, own.used);
    if (compared.length < MIN_COMPARED) {
      const span = end - train.timestamps[0];
      throw new ModelInputError(
        span > period ? `the past model found only ${compared.length} points with a value one period (${days(period)}) earlier to compare with (it needs ${MIN_COMPARED}): the training spans ${days(span)}, but its gaps leave the same slots of earlier periods empty` : `the past model needs history longer than one period (${days(period)}) to compare with; the training spans ${days(span)}`
      );
    }
    const residuals = bandFromResiduals(
      kernels,
      compared,
      kernels.scaled(usable, 1, false, own.used),
      resolution,
      yScale,
      {
        interval_width: resolved.interval_width,
        outlier_width: resolved.outlier_width,
        n_features: 0
      }
    );
    let shift = 0;
    if (resolved.past_level) {
      const heldWindow = Math.max(DAY_MS9, LEVEL_POINTS * 2 * tolerance);
      const windows = resolved.past_level_fade > 0 ? [HOUR_MS, heldWindow] : [heldWindow];
      for (const window of windows) {
        const from = firstAtOrAfter(train.timestamps, end - window);
        const recent2 = kernels.scaled(r.subarray(from), 1, false, own.used.subarray(from));
        if (recent2.length > 0) {
          shift = kernels.quantile(recent2, 0.5);
          break;
        }
      }
    }
    const step2 = gridStep(train.values, judgedScale(residuals), kernels);
    return {
      family: "past",
      version: PAST_VERSION,
      params: resolved,
      history_start: train.timestamps[0],
      history_end: end,
      n_train: n,
      period_ms: period,
      tolerance_ms: tolerance,
      times: train.timestamps,
      values: onGrid(train.values, step2, kernels),
      value_step: step2,
      usable,
      level: kernels.quantile(train.values, 0.5),
      shift,
      residuals,
      nonnegative: resolved.nonnegative === "auto" ? train.min >= 0 : resolved.nonnegative
    };
  }
  function addFadingShift(expected, ts, end, shift, fade) {
    for (let i = 0; i < ts.length; i++) {
      if (ts[i] > end && expected.used[i] > 0) {
        expected.summary[i] += shift * Math.exp(-(ts[i] - end) / fade);
      }
    }
  }
  function predictPast(fitted, timestamps, values, kernels) {
    const ts = toTimestamps(timestamps, kernels);
    const n = ts.length;
    const spec = slotSpec(fitted.period_ms, fitted.tolerance_ms, fitted.params, fitted.history_end);
    const trend = new Float64Array(n).fill(fitted.level);
    const ahead = summaries(kernels, ts, fitted, fitted.usable, trend, { ...spec, period_ms: -spec.period_ms });
    const fade = fitted.params.past_level_fade * HOUR_MS;
    const held = fade > 0 ? 0 : fitted.shift;
    const expected = summaries(kernels, ts, fitted, fitted.usable, ahead.summary, { ...spec, shift: held });
    if (fade > 0 && fitted.shift !== 0) {
      addFadingShift(expected, ts, fitted.history_end, fitted.shift, fade);
    }
    return judgedPrediction(kernels, fitted, ts, expected.summary, valuesToJudge(values, n), null, (judgedYhat) => ({
      trend,
      seasonal: { past: departures(kernels, judgedYhat, trend) }
    }));
  }
  var pastFamily = withFalseAlarms({
    name: "past",
    version: PAST_VERSION,
    fit: fitPast,
    predict: predictPast,
    toJson: pastToJson,
    fromJson: pastFromJson,
    selectionGrid: { past_period: ["auto", "day"] }
  });

  // src/model/families/ensembleMembers.ts
  var ENSEMBLE_VERSION = 1;
  var MEMBERS = {
    decomposition: decompositionFamily,
    past: pastFamily,
    autoregressive: autoregressiveFamily,
    holt_winters: holtWintersFamily,
    neural: neuralFamily
  };
  var ENSEMBLE_MEMBER_FAMILIES = Object.keys(MEMBERS);
  function memberFamily(name) {
    const family = MEMBERS[name];
    if (family === void 0) {
      throw new ModelInputError(`an ensemble cannot hold a ${name} model`);
    }
    return family;
  }
  function ensembleOf(params, members, leftOut) {
    return {
      family: "ensemble",
      version: ENSEMBLE_VERSION,
      params,
      history_start: Math.min(...members.map((m) => m.history_start)),
      history_end: Math.max(...members.map((m) => m.history_end)),
      n_train: Math.max(...members.map((m) => m.n_train)),
      members,
      left_out: leftOut
    };
  }

  // src/model/families/ensembleUpdate.ts
  function updatableMembers(names) {
    return names.every((name) => name === "past" || memberFamily(name).update !== void 0);
  }
  function refitPast(member, change, kernels) {
    if (member.params.false_alarms.length > 0) {
      throw new UpdateRefused("labelled false alarms are judged against the whole history");
    }
    const from = firstAtOrAfter(member.times, change.windowStart);
    const kept = member.times.length - from;
    const added = change.added;
    const times = new Float64Array(kept + added.timestamps.length);
    const values = new Float64Array(times.length);
    times.set(member.times.subarray(from));
    times.set(added.timestamps, kept);
    values.set(member.values.subarray(from));
    values.set(added.values, kept);
    try {
      return pastFamily.fit(times, values, member.params, kernels);
    } catch (error) {
      if (error instanceof ModelInputError) {
        throw new UpdateRefused(`its past member cannot be fitted on the new window: ${error.message}`);
      }
      throw error;
    }
  }
  function checkChange2(fitted, change) {
    const added = change.added;
    if (added.timestamps.length !== added.values.length) {
      throw new ModelInputError(`the update has ${added.timestamps.length} timestamps but ${added.values.length} values`);
    }
    if (added.timestamps.length > 0 && !(added.timestamps[0] > fitted.history_end)) {
      throw new ModelInputError(
        `the update's new points must come after the model's history, which ends at ${fitted.history_end} ms`
      );
    }
    if (!Number.isFinite(change.windowStart) || change.windowStart < fitted.history_start) {
      throw new ModelInputError(
        `the update's window start must be at or after the history's start (${fitted.history_start} ms)`
      );
    }
  }
  function updateEnsemble(fitted, change, params, kernels) {
    if (params !== void 0 && JSON.stringify(resolveParams(params)) !== JSON.stringify(fitted.params)) {
      throw new UpdateRefused("the parameters differ from the fit");
    }
    for (const member of fitted.members) {
      if (!updatableMembers([member.family])) {
        throw new UpdateRefused(`its ${member.family} member cannot update a fit`);
      }
    }
    if (fitted.left_out.length > 0) {
      throw new UpdateRefused(`its ${fitted.left_out[0].family} member was left out of the fit`);
    }
    checkChange2(fitted, change);
    const members = fitted.members.slice();
    members.forEach((member, i) => {
      const update3 = memberFamily(member.family).update;
      if (update3 !== void 0) {
        members[i] = update3(member, change, void 0, kernels);
      }
    });
    members.forEach((member, i) => {
      if (member.family === "past") {
        members[i] = refitPast(member, change, kernels);
      }
    });
    return { ...fitted, ...ensembleOf(fitted.params, members, fitted.left_out) };
  }

  // src/model/families/ensemble.ts
  function agreementOf(members) {
    return members === 2 ? 2 : Math.ceil(members / 2);
  }
  function fitEnsemble(timestamps, values, params, kernels) {
    const resolved = resolveParams(params);
    const members = [];
    const leftOut = [];
    const updatable = updatableMembers(resolved.ensemble_members);
    const shared = new SharedTraining(timestamps, values, resolved.exclude, kernels);
    for (const name of resolved.ensemble_members) {
      try {
        members.push(memberFamily(name).fit(timestamps, values, handOn(resolved, name), kernels, { updatable, shared }));
      } catch (error) {
        if (!(error instanceof ModelInputError) || error instanceof ModelSettingsError) {
          throw error;
        }
        leftOut.push({ family: name, reason: error.message });
      }
    }
    if (members.length === 0) {
      const reasons = new Set(leftOut.map((l) => l.reason));
      throw new ModelInputError(
        reasons.size === 1 && leftOut.length > 1 ? leftOut[0].reason : `no member of the ensemble could be fitted: ${leftOut.map((l) => `${l.family}: ${l.reason}`).join("; ")}`
      );
    }
    return ensembleOf(resolved, members, leftOut);
  }
  function stacked(parts, n) {
    const out = new Float64Array(parts.length * n);
    parts.forEach((p, j) => out.set(p, j * n));
    return out;
  }
  function predictEnsemble(fitted, timestamps, values, kernels) {
    const predictions = fitted.members.map((m2) => memberFamily(m2.family).predict(m2, timestamps, values, kernels));
    const first = predictions[0];
    const m = predictions.length;
    const n = first.timestamps.length;
    const stack = (parts) => stacked(parts, n);
    const outlier = new Int8Array(m * n);
    predictions.forEach((p, j) => outlier.set(p.outlier, j * n));
    const decomposition = fitted.members.findIndex((member) => member.family === "decomposition");
    const alone = decomposition >= 0 ? decompositionAloneDays(fitted.members[decomposition], predictions[decomposition]) : null;
    const combined = {
      yhat: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n),
      outlier: new Int8Array(n),
      score: new Float64Array(n)
    };
    kernels.combineVerdicts(
      {
        yhat: stack(predictions.map((p) => p.yhat)),
        lower: stack(predictions.map((p) => p.yhat_lower)),
        upper: stack(predictions.map((p) => p.yhat_upper)),
        outlier,
        score: stack(predictions.map((p) => p.score))
      },
      m,
      agreementOf(m),
      alone,
      decomposition,
      combined
    );
    const components2 = decomposition >= 0 ? predictions[decomposition] : first;
    const out = {
      timestamps: first.timestamps,
      yhat: combined.yhat,
      yhat_lower: combined.lower,
      yhat_upper: combined.upper,
      outlier: combined.outlier,
      score: combined.score,
      // Components are the lead's (the decomposition's, which draws the expectation), else the first member's.
      trend: components2.trend,
      seasonal: components2.seasonal,
      holidays: components2.holidays
    };
    return out;
  }
  function toJson3(fitted, kernels) {
    const state = {};
    const members = fitted.members.map((m) => {
      const { incremental, ...json } = memberFamily(m.family).toJson(m, kernels);
      if (incremental !== void 0) {
        state[m.family] = incremental;
      }
      return json;
    });
    return { ...fitted, members, ...Object.keys(state).length > 0 ? { incremental: state } : {} };
  }
  function fromJson3(data, kernels) {
    if (data.version !== ENSEMBLE_VERSION) {
      throw new ModelInputError(
        `serialized ensemble version ${String(data.version)} is not supported (this Foresight reads version ${ENSEMBLE_VERSION}); fit the model again`
      );
    }
    const { incremental: rawState, ...rest } = data;
    const members = rest.members;
    if (!Array.isArray(members) || members.length === 0 || !rest.params || !Array.isArray(rest.left_out)) {
      throw new ModelInputError("serialized ensemble is incomplete");
    }
    const names = members.map(
      (m) => m !== null && typeof m === "object" ? m.family : m
    );
    if (members.length > ENSEMBLE_MEMBER_FAMILIES.length || new Set(names).size !== names.length) {
      throw new ModelInputError("serialized ensemble must hold distinct member families");
    }
    if (rawState !== void 0 && (rawState === null || typeof rawState !== "object" || Array.isArray(rawState))) {
      throw new ModelInputError("serialized ensemble's update statistics are not an object");
    }
    const state = rawState != null ? rawState : {};
    const restored = members.map((member) => {
      var _a;
      if (member === null || typeof member !== "object") {
        throw new ModelInputError("serialized ensemble has a member that is not an object");
      }
      const o = member;
      const name = (_a = o.family) != null ? _a : "decomposition";
      if (!ENSEMBLE_MEMBER_FAMILIES.includes(name)) {
        throw new ModelInputError(`serialized ensemble has a member of unknown family ${JSON.stringify(o.family)}`);
      }
      const memberState = Object.prototype.hasOwnProperty.call(state, name) ? state[name] : void 0;
      return memberFamily(name).fromJson(memberState === void 0 ? o : { ...o, incremental: memberState }, kernels);
    });
    return { ...rest, family: "ensemble", members: restored };
  }
  var ensembleFamily = {
    name: "ensemble",
    version: ENSEMBLE_VERSION,
    fit: fitEnsemble,
    predict: predictEnsemble,
    update: updateEnsemble,
    toJson: toJson3,
    fromJson: fromJson3
  };

  // src/model/families/registry.ts
  var FAMILIES = {
    decomposition: decompositionFamily,
    past: pastFamily,
    autoregressive: autoregressiveFamily,
    holt_winters: holtWintersFamily,
    neural: neuralFamily,
    ensemble: ensembleFamily
  };
  var FORMAT2 = "foresight-model";
  function familyOf(name) {
    const family = FAMILIES[name];
    if (family === void 0) {
      throw new ModelInputError(`model must be one of ${FAMILY_NAMES.join(", ")}, got ${JSON.stringify(name)}`);
    }
    return family;
  }
  function fitModel(timestamps, values, params = {}, kernels = typescriptKernels, selection) {
    const resolved = resolveParams(params);
    if (resolved.model === "auto") {
      return fitAuto(timestamps, values, params, kernels, selection);
    }
    return familyOf(resolved.model).fit(timestamps, values, handOn(resolved), kernels);
  }
  function withLearnedDaysOnly(fitted) {
    const members = fitted.members;
    return {
      ...fitted,
      params: { ...fitted.params, unseen_days_scale: 0 },
      ...Array.isArray(members) ? { members: members.map(withLearnedDaysOnly) } : {}
    };
  }
  function predictModel(fitted, timestamps, values, kernels = typescriptKernels) {
    const prediction = familyOf(fitted.family).predict(fitted, timestamps, values, kernels);
    const served = values === void 0 ? null : fitted.family === "ensemble" ? leadDecomposition(fitted) : fitted;
    const peaks = served == null ? void 0 : served.false_alarm_recent_peaks;
    if (peaks !== void 0) {
      capRecentRepeats(prediction, values, peaks, served.history_end, ALARM_MARGIN);
    }
    const lead = values === void 0 ? null : leadDecomposition(fitted);
    const sustained = lead === null ? null : readSustained(lead.sustained);
    if (lead !== null && sustained !== null) {
      const skip = decompositionAloneDays(lead, prediction);
      const before = lead.false_alarm_marks === void 0 ? null : prediction.score.slice();
      kernels.raiseSustained(
        Float64Array.from(values),
        prediction.yhat,
        prediction.score,
        skip,
        sustained.points,
        sustained.scale_below,
        sustained.scale_above,
        SCORE_HALF
      );
      if (before !== null) {
        keepHeldRepeatsQuiet(
          lead,
          values,
          prediction.yhat,
          skip,
          sustained,
          before,
          prediction.score,
          kernels
        );
      }
    }
    return prediction;
  }
  function leadDecomposition(fitted) {
    var _a;
    if (fitted.family === "decomposition") {
      return fitted;
    }
    const members = fitted.members;
    return fitted.family === "ensemble" && Array.isArray(members) ? (_a = members.find((member) => member.family === "decomposition")) != null ? _a : null : null;
  }
  function updateModel(fitted, change, params, kernels = typescriptKernels) {
    const family = familyOf(fitted.family);
    if (family.update === void 0) {
      throw new UpdateRefused(`the ${fitted.family} family cannot update a fit`);
    }
    return family.update(fitted, change, params, kernels);
  }
  function serializeModelParts(fitted, kernels = typescriptKernels, longText) {
    const { incremental, ...model } = modelData(fitted, kernels);
    const write = (data) => JSON.stringify(longText === void 0 ? data : withLongTexts(data, longText, LONG_TEXT_DEPTH));
    return { model: write(model), state: incremental === void 0 ? "" : write(incremental) };
  }
  var LONG_TEXT = 256;
  var LONG_TEXT_DEPTH = 3;
  function withLongTexts(value, longText, levels) {
    if (value === null || typeof value !== "object" || "toJSON" in value) {
      return value;
    }
    const prototype = Object.getPrototypeOf(value);
    const array2 = prototype === Array.prototype;
    if (!array2 && prototype !== Object.prototype) {
      return value;
    }
    const given = value;
    if (array2 && typeof given[0] !== "object") {
      return value;
    }
    const keys = array2 ? null : Object.keys(given);
    const count2 = keys === null ? given.length : keys.length;
    let out = given;
    for (let i = 0; i < count2; i++) {
      const key = keys === null ? i : keys[i];
      const item = given[key];
      let written = item;
      if (typeof item === "string") {
        written = item.length >= LONG_TEXT ? longText(item) : item;
      } else if (levels > 1 && typeof item === "object") {
        written = withLongTexts(item, longText, levels - 1);
      }
      if (written !== item) {
        if (out === given) {
          out = array2 ? given.slice() : { ...given };
        }
        out[key] = written;
      }
    }
    return out;
  }
  function modelData(fitted, kernels) {
    return { ...familyOf(fitted.family).toJson(fitted, kernels), selection: fitted.selection, format: FORMAT2 };
  }
  function deserializeModel(text, state = "", kernels = typescriptKernels) {
    var _a;
    let raw;
    try {
      raw = JSON.parse(text);
      if (state !== "" && raw !== null && typeof raw === "object") {
        raw.incremental = JSON.parse(state);
      }
    } catch (e) {
      throw new ModelInputError("serialized model is not valid JSON");
    }
    if (raw === null || typeof raw !== "object" || raw.format !== FORMAT2) {
      throw new ModelInputError("serialized model has an unknown format");
    }
    const data = raw;
    const name = (_a = data.family) != null ? _a : "decomposition";
    if (typeof name !== "string" || !FAMILY_NAMES.includes(name)) {
      throw new ModelInputError(`serialized model has an unknown family ${JSON.stringify(name)}`);
    }
    const { selection: rawSelection, ...rest } = data;
    const selection = readSelectionSummary(rawSelection);
    const fitted = familyOf(name).fromJson(rest, kernels);
    return selection === void 0 ? fitted : { ...fitted, selection };
  }

  // src/model/online.ts
  var HOUR_MS2 = 36e5;
  var DEFAULT_ONLINE_OPTIONS = Object.freeze({
    max_history_days: 28,
    min_history_points: 24,
    min_history_days: 2,
    select_every_days: 1,
    swap_margin: DEFAULT_SWAP_MARGIN
  });
  var REFIT_SHARE_OF_HISTORY = 1 / 64;
  var MAX_REFIT_INTERVAL_MS = 12 * HOUR_MS2;

  // src/model/evaluation/cutoffs.ts
  var CUTOFF_CEILING = 1e6;
  function planCutoffs(timestamps, options) {
    var _a;
    const windows = resolveWindows(options);
    const { horizon, initial, period } = windows;
    const limit = (_a = options.maxCutoffs) != null ? _a : Infinity;
    if (!(limit >= 1)) {
      throw new ModelInputError(`the cutoff limit must be at least 1, got ${String(options.maxCutoffs)}`);
    }
    const ds = sortedTimestamps(timestamps);
    const first = ds[0];
    const last = ds[ds.length - 1];
    const span = last - first;
    const needed = `need a span of at least initial + horizon = ${formatDuration(initial + horizon)} between the first and last point, have ${formatDuration(span)} (${describeWindows(windows)})`;
    let cutoff = last - horizon;
    if (cutoff < first + initial) {
      throw new ModelInputError(`not enough data for cross-validation: ${needed}`);
    }
    const upperEstimate = Math.floor((cutoff - (first + initial)) / period) + 1;
    if (upperEstimate > CUTOFF_CEILING) {
      throw new ModelInputError(
        `cross-validation would make up to ${upperEstimate} cutoffs; lengthen period (${formatDuration(period)}) or initial`
      );
    }
    const result = [cutoff];
    let available = 1;
    while (true) {
      cutoff -= period;
      const next = bisectRight(ds, cutoff);
      const windowEmpty = next === ds.length || ds[next] > cutoff + horizon;
      if (windowEmpty && cutoff > first) {
        cutoff = ds[next - 1] - horizon;
      }
      if (cutoff < first + initial) {
        break;
      }
      available++;
      if (result.length < limit) {
        result.push(cutoff);
      }
    }
    return { cutoffs: result.reverse(), available };
  }
  function sortedTimestamps(timestamps) {
    if (timestamps.length === 0) {
      throw new ModelInputError("cross-validation needs data, got an empty series");
    }
    const ds = Float64Array.from(timestamps);
    for (let i = 0; i < ds.length; i++) {
      if (!Number.isFinite(ds[i])) {
        throw new ModelInputError(`timestamp at index ${i} is not a finite number (${String(timestamps[i])})`);
      }
    }
    return ds.sort();
  }

  // src/model/evaluation/rollingByHorizon.ts
  function groupByHorizon(sortedHorizons) {
    const horizons = [];
    const starts = [];
    for (let i = 0; i < sortedHorizons.length; i++) {
      if (i === 0 || sortedHorizons[i] !== sortedHorizons[i - 1]) {
        horizons.push(sortedHorizons[i]);
        starts.push(i);
      }
    }
    return { horizons: Float64Array.from(horizons), starts: Int32Array.from(starts), rowCount: sortedHorizons.length };
  }
  function firstCompleteGroup(groups, window) {
    let g = 0;
    while (g < groups.horizons.length && groupEnd(groups, g) < window) {
      g++;
    }
    return g;
  }
  function rollingMeanByHorizon(values, groups, window) {
    const groupCount = groups.horizons.length;
    const sums = new Float64Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      for (let i = groups.starts[g]; i < groupEnd(groups, g); i++) {
        sums[g] += values[i];
      }
    }
    const first = firstCompleteGroup(groups, window);
    const out = new Float64Array(groupCount - first);
    let oldest = 0;
    let windowSum = 0;
    let windowCount = 0;
    for (let g = 0; g < groupCount; g++) {
      windowSum += sums[g];
      windowCount += groupSize(groups, g);
      while (oldest < g && windowCount - groupSize(groups, oldest) >= window) {
        windowSum -= sums[oldest];
        windowCount -= groupSize(groups, oldest);
        oldest++;
      }
      if (g < first) {
        continue;
      }
      if (oldest === g) {
        out[g - first] = sums[g] / groupSize(groups, g);
      } else {
        const excess = windowCount - window;
        const partial = excess * sums[oldest] / groupSize(groups, oldest);
        out[g - first] = Math.max(0, windowSum - partial) / window;
      }
    }
    return out;
  }
  function rollingMedianByHorizon(values, groups, window) {
    const groupCount = groups.horizons.length;
    const first = firstCompleteGroup(groups, window);
    const out = new Float64Array(groupCount - first);
    const sorted = new SortedWindow(groups.rowCount);
    let from = 0;
    let to = 0;
    for (let g = first; g < groupCount; g++) {
      const end = groupEnd(groups, g);
      const start = Math.min(groups.starts[g], end - window);
      while (to < end) {
        sorted.insert(values[to++]);
      }
      while (from < start) {
        sorted.remove(values[from++]);
      }
      out[g - first] = sorted.median();
    }
    return out;
  }
  function groupEnd(groups, g) {
    return g + 1 < groups.starts.length ? groups.starts[g + 1] : groups.rowCount;
  }
  function groupSize(groups, g) {
    return groupEnd(groups, g) - groups.starts[g];
  }
  var SortedWindow = class {
    constructor(capacity) {
      this.size = 0;
      this.items = new Float64Array(capacity);
    }
    insert(value) {
      const at2 = bisectLeft(this.items, value, 0, this.size);
      this.items.copyWithin(at2 + 1, at2, this.size);
      this.items[at2] = value;
      this.size++;
    }
    remove(value) {
      const at2 = bisectLeft(this.items, value, 0, this.size);
      this.items.copyWithin(at2, at2 + 1, this.size);
      this.size--;
    }
    median() {
      const mid = this.size >> 1;
      return this.size % 2 === 1 ? this.items[mid] : (this.items[mid - 1] + this.items[mid]) / 2;
    }
  };

  // src/model/evaluation/performanceMetrics.ts
  function performanceMetrics(rows, options = {}) {
    var _a;
    const rollingWindow = (_a = options.rollingWindow) != null ? _a : 0.1;
    if (!(Number.isFinite(rollingWindow) && rollingWindow >= 0)) {
      throw new ModelInputError(`rollingWindow must be a number \u2265 0, got ${String(rollingWindow)}`);
    }
    const n = rowCount(rows);
    if (n === 0) {
      throw new ModelInputError("performanceMetrics: no cross-validation rows to score");
    }
    for (let i = 0; i < n; i++) {
      if (![rows.cutoff[i], rows.ds[i], rows.y[i], rows.yhat[i], rows.yhat_lower[i], rows.yhat_upper[i]].every(
        Number.isFinite
      )) {
        throw new ModelInputError(`performanceMetrics: row ${i} has a value that is not a finite number`);
      }
    }
    const window = Math.min(n, Math.max(1, Math.floor(rollingWindow * n)));
    const order = byHorizonOrder(rows);
    const horizons = new Float64Array(n);
    const squared = new Float64Array(n);
    const absolute = new Float64Array(n);
    const percent = new Float64Array(n);
    const symmetric = new Float64Array(n);
    const covered = new Float64Array(n);
    let anyZero = false;
    order.forEach((row, k) => {
      const y = rows.y[row];
      const error = y - rows.yhat[row];
      horizons[k] = rows.ds[row] - rows.cutoff[row];
      squared[k] = error * error;
      absolute[k] = Math.abs(error);
      anyZero = anyZero || Math.abs(y) < PERCENT_ERROR_ZERO;
      percent[k] = Math.abs(y) < PERCENT_ERROR_ZERO ? 0 : Math.abs(error) / Math.abs(y);
      symmetric[k] = symmetricPercentError(y, rows.yhat[row]);
      covered[k] = distanceOutside(y, rows.yhat_lower[row], rows.yhat_upper[row]) === 0 ? 1 : 0;
    });
    const groups = groupByHorizon(horizons);
    const mean3 = (values) => rollingMeanByHorizon(values, groups, window);
    const rollingMse = mean3(squared);
    return {
      byHorizon: {
        horizon: completeHorizons(groups, rollingMse.length),
        mse: rollingMse,
        rmse: rollingMse.map(Math.sqrt),
        mae: mean3(absolute),
        mape: anyZero ? null : mean3(percent),
        mdape: anyZero ? null : rollingMedianByHorizon(percent, groups, window),
        smape: mean3(symmetric),
        coverage: mean3(covered)
      },
      overall: summarizeRows(rows),
      window
    };
  }
  function byHorizonOrder(rows) {
    const n = rows.ds.length;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => rows.ds[a] - rows.cutoff[a] - (rows.ds[b] - rows.cutoff[b]) || a - b);
    return Int32Array.from(order);
  }
  function completeHorizons(groups, count2) {
    return groups.horizons.slice(groups.horizons.length - count2);
  }

  // src/model/earlyWarning/inputs.ts
  function checkThresholds(thresholds) {
    if (thresholds === null || typeof thresholds !== "object") {
      throw new ModelInputError('thresholds must be an object with "above" and/or "below"');
    }
    const checked = {};
    for (const side of ["above", "below"]) {
      const value = thresholds[side];
      if (value === void 0 || value === null) {
        continue;
      }
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ModelInputError(`threshold "${side}" must be a finite number, got ${String(value)}`);
      }
      checked[side] = value;
      const inclusive = thresholds[`${side}_inclusive`];
      if (inclusive !== void 0 && inclusive !== null && typeof inclusive !== "boolean") {
        throw new ModelInputError(`threshold "${side}_inclusive" must be true or false, got ${String(inclusive)}`);
      }
      if (inclusive === true) {
        checked[`${side}_inclusive`] = true;
      }
    }
    if (checked.above === void 0 && checked.below === void 0) {
      throw new ModelInputError('give at least one threshold, "above" or "below"');
    }
    if (checked.above !== void 0 && checked.below !== void 0 && !(checked.above > checked.below)) {
      throw new ModelInputError(`threshold "above" (${checked.above}) must be greater than "below" (${checked.below})`);
    }
    return checked;
  }
  function checkForecastArrays(f, what) {
    const n = f.timestamps.length;
    for (const key of ["yhat", "yhat_lower", "yhat_upper"]) {
      if (f[key].length !== n) {
        throw new ModelInputError(`${what}: ${key} has ${f[key].length} values for ${n} timestamps`);
      }
    }
    return n;
  }
  function bandQuantile(intervalWidth) {
    if (!(typeof intervalWidth === "number" && intervalWidth > 0 && intervalWidth < 1)) {
      throw new ModelInputError(`interval_width must be a number in (0, 1), got ${String(intervalWidth)}`);
    }
    return normalQuantile(1 - (1 - intervalWidth) / 2);
  }

  // src/model/earlyWarning/outlook.ts
  var SHARED_SHARE = 0.5;
  function breachOutlook(input) {
    var _a;
    const { fromMs, leadMs, forecast } = input;
    if (!Number.isFinite(fromMs)) {
      throw new ModelInputError(`the outlook's start (fromMs) must be a finite time, got ${String(fromMs)}`);
    }
    if (!(Number.isFinite(leadMs) && leadMs > 0)) {
      throw new ModelInputError(`the lead time must be a positive duration, got ${String(leadMs)} ms`);
    }
    const thresholds = checkThresholds(input.thresholds);
    const z = bandQuantile(input.interval_width);
    const n = checkForecastArrays(forecast, "forecast");
    const sides = {
      above: thresholds.above === void 0 ? null : newSide(thresholds.above, 1, thresholds.above_inclusive === true),
      below: thresholds.below === void 0 ? null : newSide(thresholds.below, -1, thresholds.below_inclusive === true)
    };
    const horizon = fromMs + leadMs;
    const anchor = checkedAnchor(input.anchor);
    const rho = (_a = input.shared_share) != null ? _a : SHARED_SHARE;
    if (!(rho >= 0 && rho <= 1)) {
      throw new ModelInputError(`shared_share must be a number in [0, 1], got ${String(input.shared_share)}`);
    }
    let previousT = NaN;
    let previousY = NaN;
    let steps = 0;
    for (let i = 0; i < n; i++) {
      const t = forecast.timestamps[i];
      if (i > 0 && !(t > forecast.timestamps[i - 1])) {
        throw new ModelInputError(`forecast timestamps must increase; index ${i} does not`);
      }
      const base = forecast.yhat[i];
      if (!(t > fromMs && t <= horizon) || !Number.isFinite(base)) {
        continue;
      }
      steps++;
      const h = t - fromMs;
      const y = anchor === null ? base : base + anchor.level + anchor.slope_per_ms * h;
      const extraVar = anchor === null ? 0 : anchor.level_var + 2 * anchor.covariance * h + anchor.slope_var * h * h;
      for (const side of [sides.above, sides.below]) {
        if (side === null) {
          continue;
        }
        const halfWidth = side.sign > 0 ? forecast.yhat_upper[i] - base : base - forecast.yhat_lower[i];
        const bandVar = Number.isFinite(halfWidth) && halfWidth > 0 ? (halfWidth / z) ** 2 : 0;
        side.gaps.push(side.sign * (side.threshold - y));
        side.shared.push(Math.sqrt(rho * bandVar + Math.max(0, extraVar)));
        side.own.push(Math.sqrt((1 - rho) * bandVar));
        const beyond = side.sign * (y - side.threshold);
        if (side.crossing === null && (beyond > 0 || side.inclusive && beyond === 0)) {
          side.crossing = crossingTime(side.threshold, previousT, previousY, t, y);
        }
      }
      previousT = t;
      previousY = y;
    }
    if (steps === 0) {
      throw new ModelInputError("the forecast has no finite expectation within the lead time");
    }
    return combine(sides.above, sides.below, fromMs);
  }
  function checkedAnchor(anchor) {
    if (anchor === void 0) {
      return null;
    }
    const { level, slope_per_ms, level_var, slope_var, covariance } = anchor;
    return [level, slope_per_ms, level_var, slope_var, covariance].every(Number.isFinite) ? anchor : null;
  }
  function newSide(threshold, sign, inclusive) {
    return { threshold, inclusive, sign, gaps: [], shared: [], own: [], crossing: null };
  }
  var NODE_STEP = 0.25;
  var NODES = Array.from({ length: 49 }, (_, k) => -6 + k * NODE_STEP);
  var NODE_WEIGHTS = (() => {
    const w = NODES.map((x) => Math.exp(-x * x / 2));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / total);
  })();
  function crossingProbability(side) {
    const { gaps, shared, own } = side;
    if (own.every((o) => o === 0)) {
      let margin = Infinity;
      gaps.forEach((gap, i) => {
        margin = Math.min(margin, shared[i] > 0 ? gap / shared[i] : gap > 0 ? Infinity : -Infinity);
      });
      return normalUpperTail(margin);
    }
    if (shared.every((s) => s === 0)) {
      return 1 - Math.exp(logNoCrossing(gaps, shared, own, 0));
    }
    let stay = 0;
    NODES.forEach((node, k) => {
      stay += NODE_WEIGHTS[k] * Math.exp(logNoCrossing(gaps, shared, own, node));
    });
    return Math.min(1, Math.max(0, 1 - stay));
  }
  function logNoCrossing(gaps, shared, own, node) {
    let sum2 = 0;
    for (let i = 0; i < gaps.length; i++) {
      const gap = gaps[i] - shared[i] * node;
      if (own[i] === 0) {
        if (gap <= 0) {
          return -Infinity;
        }
        continue;
      }
      const x = gap / own[i];
      if (x > 9) {
        continue;
      }
      sum2 += Math.log(normalUpperTail(-x));
    }
    return sum2;
  }
  function crossingTime(threshold, t0, y0, t1, y1) {
    if (!Number.isFinite(y0) || y1 === y0) {
      return t1;
    }
    const share = (threshold - y0) / (y1 - y0);
    return share >= 0 && share <= 1 ? t0 + share * (t1 - t0) : t1;
  }
  function combine(above, below, fromMs) {
    var _a;
    const pAbove = above === null ? 0 : crossingProbability(above);
    const pBelow = below === null ? 0 : crossingProbability(below);
    const probability = Math.min(1, pAbove + pBelow);
    const crossing = firstCrossing(above, below);
    let side = null;
    if (probability > 0) {
      side = pAbove > pBelow ? "above" : pBelow > pAbove ? "below" : (_a = crossing == null ? void 0 : crossing.side) != null ? _a : above ? "above" : "below";
    }
    return {
      eta_ms: crossing === null ? null : crossing.at - fromMs,
      probability,
      side,
      crossing_ms: crossing === null ? null : crossing.at
    };
  }
  function firstCrossing(above, below) {
    var _a, _b;
    const a = (_a = above == null ? void 0 : above.crossing) != null ? _a : null;
    const b = (_b = below == null ? void 0 : below.crossing) != null ? _b : null;
    if (a === null && b === null) {
      return null;
    }
    if (b === null || a !== null && a <= b) {
      return { side: "above", at: a };
    }
    return { side: "below", at: b };
  }

  // src/model/earlyWarning/sameTime.ts
  var DAY_MS10 = 864e5;
  function sameTimeMedian(timestamps, values, days2) {
    const n = timestamps.length;
    const reference = new Float64Array(n).fill(NaN);
    const count2 = new Int32Array(n);
    if (days2 < 1 || n < 2) {
      return { reference, count: count2 };
    }
    const tolerance = medianGap(timestamps) / 2;
    const found = new Float64Array(days2);
    for (let i = 0; i < n; i++) {
      let k = 0;
      for (let d = 1; d <= days2; d++) {
        const j = nearest2(timestamps, timestamps[i] - d * DAY_MS10, i);
        if (j >= 0 && Math.abs(timestamps[j] - (timestamps[i] - d * DAY_MS10)) <= tolerance && Number.isFinite(values[j])) {
          found[k++] = values[j];
        }
      }
      if (k > 0) {
        reference[i] = median(found.subarray(0, k));
        count2[i] = k;
      }
    }
    return { reference, count: count2 };
  }
  function medianGap(timestamps) {
    const gaps = new Float64Array(timestamps.length - 1);
    for (let i = 1; i < timestamps.length; i++) {
      gaps[i - 1] = timestamps[i] - timestamps[i - 1];
    }
    return median(gaps);
  }
  function nearest2(timestamps, t, before) {
    let lo = 0;
    let hi = before;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (timestamps[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= before) {
      return before - 1;
    }
    return lo > 0 && t - timestamps[lo - 1] < timestamps[lo] - t ? lo - 1 : lo;
  }

  // src/model/earlyWarning/drift.ts
  var DEFAULT_DRIFT_OPTIONS = Object.freeze({
    allowance: 0.75,
    decision: 10,
    clip: 3,
    reference_days: 7
  });
  var MAX_REFERENCE_DAYS = 28;
  var OPTION_RULES = {
    allowance: { ok: (v) => v >= 0, what: "a number >= 0" },
    decision: { ok: (v) => v > 0, what: "a positive number" },
    clip: { ok: (v) => v > 0, what: "a positive number" },
    reference_days: {
      ok: (v) => Number.isInteger(v) && v >= 0 && v <= MAX_REFERENCE_DAYS,
      what: `a whole number from 0 to ${MAX_REFERENCE_DAYS}`
    }
  };
  function resolveDriftOptions(options = {}) {
    const known = Object.keys(OPTION_RULES);
    const unknown = Object.keys(options).find((key) => !known.includes(key));
    if (unknown !== void 0) {
      throw new ModelInputError(`unknown drift option "${unknown}" (known: ${known.join(", ")})`);
    }
    const resolved = { ...DEFAULT_DRIFT_OPTIONS };
    for (const key of known) {
      const value = options[key];
      if (value === void 0) {
        continue;
      }
      const rule = OPTION_RULES[key];
      if (typeof value !== "number" || !Number.isFinite(value) || !rule.ok(value)) {
        throw new ModelInputError(`drift option ${key} must be ${rule.what}, got ${String(value)}`);
      }
      resolved[key] = value;
    }
    if (!(resolved.clip > resolved.allowance)) {
      throw new ModelInputError(`drift option clip (${resolved.clip}) must exceed allowance (${resolved.allowance})`);
    }
    return resolved;
  }
  function detectDrift(input, options = {}) {
    const { allowance, decision, clip, reference_days } = resolveDriftOptions(options);
    const z = bandQuantile(input.interval_width);
    const n = checkForecastArrays(input, "drift");
    if (input.values.length !== n) {
      throw new ModelInputError(`drift: values has ${input.values.length} values for ${n} timestamps`);
    }
    const departures2 = departuresFrom2(input, z, clip, reference_days);
    const cap = 1.5 * decision;
    const up = { sum: 0, runStart: NaN, driftStart: NaN };
    const down = { sum: 0, runStart: NaN, driftStart: NaN };
    const drift2 = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const t = input.timestamps[i];
      const r = departures2[i];
      if (Number.isFinite(r)) {
        step(up, r - allowance, t, decision, cap);
        step(down, -r - allowance, t, decision, cap);
      }
      const upOn = !Number.isNaN(up.driftStart);
      const downOn = !Number.isNaN(down.driftStart);
      drift2[i] = upOn && (!downOn || up.driftStart >= down.driftStart) ? 1 : downOn ? -1 : 0;
    }
    const last = n > 0 ? drift2[n - 1] : 0;
    return {
      drift: drift2,
      drift_start_ms: last === 1 ? up.driftStart : last === -1 ? down.driftStart : null
    };
  }
  function departuresFrom2(input, z, clip, referenceDays) {
    const n = input.timestamps.length;
    const standard = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = input.timestamps[i];
      if (!Number.isFinite(t) || i > 0 && t < input.timestamps[i - 1]) {
        throw new ModelInputError(`drift: timestamps must be finite and ascending; index ${i} is not`);
      }
      const r = standardised(input.values[i], input.yhat[i], input.yhat_lower[i], input.yhat_upper[i], z);
      standard[i] = Math.max(-clip, Math.min(clip, r));
    }
    const { reference, count: count2 } = sameTimeMedian(input.timestamps, standard, referenceDays);
    return standard.map((r, i) => {
      const k = count2[i];
      if (k === 0) {
        return r;
      }
      const scale = Math.sqrt(1 + (k <= 2 ? 1 / k : Math.PI / (2 * k)));
      return Math.max(-clip, Math.min(clip, (r - reference[i]) / scale));
    });
  }
  function step(side, increment, t, decision, cap) {
    if (side.sum === 0 && increment > 0) {
      side.runStart = t;
    }
    side.sum = Math.min(cap, Math.max(0, side.sum + increment));
    if (Number.isNaN(side.driftStart)) {
      if (side.sum > decision) {
        side.driftStart = side.runStart;
      }
    } else if (side.sum <= decision / 2) {
      side.driftStart = NaN;
      side.sum = 0;
    }
  }
  function standardised(value, yhat, lower, upper, z) {
    const residual = value - yhat;
    const halfWidth = residual >= 0 ? upper - yhat : yhat - lower;
    const sigma = halfWidth / z;
    return sigma > 0 && Number.isFinite(sigma) ? residual / sigma : NaN;
  }

  // src/model/earlyWarning/recentLine.ts
  var HOUR_MS3 = 36e5;
  var MIN_LINE_POINTS = 12;
  function recentLines(timestamps, values, windowMs, minPoints = 0) {
    const n = timestamps.length;
    const out = {
      level: new Float64Array(n).fill(NaN),
      slope: new Float64Array(n).fill(NaN),
      level_var: new Float64Array(n).fill(NaN),
      slope_var: new Float64Array(n).fill(NaN),
      covariance: new Float64Array(n).fill(NaN)
    };
    const origin = n > 0 ? timestamps[0] : 0;
    const sums = { n: 0, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
    const add = (k, sign) => {
      const y = values[k];
      if (!Number.isFinite(y)) {
        return;
      }
      const x = (timestamps[k] - origin) / HOUR_MS3;
      sums.n += sign;
      sums.x += sign * x;
      sums.y += sign * y;
      sums.xx += sign * x * x;
      sums.xy += sign * x * y;
      sums.yy += sign * y * y;
    };
    let lo = 0;
    for (let i = 0; i < n; i++) {
      add(i, 1);
      while (timestamps[lo] <= timestamps[i] - windowMs && i - lo + 1 > minPoints) {
        add(lo, -1);
        lo++;
      }
      if (sums.n < 2) {
        continue;
      }
      const meanX = sums.x / sums.n;
      const meanY = sums.y / sums.n;
      const sxx = sums.xx - sums.n * meanX * meanX;
      if (!(sxx > 1e-12)) {
        continue;
      }
      const slope = (sums.xy - sums.n * meanX * meanY) / sxx;
      const syy = sums.yy - sums.n * meanY * meanY;
      const scatter = sums.n > 2 ? Math.max(0, syy - slope * slope * sxx) / (sums.n - 2) : NaN;
      const offset = (timestamps[i] - origin) / HOUR_MS3 - meanX;
      out.level[i] = meanY + slope * offset;
      out.slope[i] = slope / HOUR_MS3;
      out.level_var[i] = scatter * (1 / sums.n + offset * offset / sxx);
      out.slope_var[i] = scatter / sxx / (HOUR_MS3 * HOUR_MS3);
      out.covariance[i] = scatter * offset / sxx / HOUR_MS3;
    }
    return out;
  }

  // src/model/earlyWarning/rows.ts
  function anchorAt(model, fromMs, recent2, windowMs, kernels) {
    return anchorLines(model, [fromMs], recent2, windowMs, kernels)(0);
  }
  function anchorLines(model, rowTimes, recent2, windowMs, kernels) {
    const ts = recent2.timestamps;
    const end = bisectLeft(ts, rowTimes[rowTimes.length - 1] + 1);
    const start = Math.max(
      0,
      Math.min(bisectLeft(ts, rowTimes[0] - windowMs), bisectLeft(ts, rowTimes[0] + 1) - MIN_LINE_POINTS)
    );
    const times = ts.subarray(start, end);
    const observed2 = recent2.values.subarray(start, end);
    const predicted = predictModel(model, times, void 0, kernels);
    const lines = recentLines(
      times,
      observed2.map((v, k2) => v - predicted.yhat[k2]),
      windowMs,
      MIN_LINE_POINTS
    );
    let k = 0;
    return (row) => {
      while (k + 1 < times.length && times[k + 1] <= rowTimes[row]) {
        k++;
      }
      if (times.length === 0 || times[k] > rowTimes[row] || Number.isNaN(lines.level_var[k])) {
        return void 0;
      }
      return {
        level: lines.level[k],
        slope_per_ms: lines.slope[k],
        level_var: lines.level_var[k],
        slope_var: lines.slope_var[k],
        covariance: lines.covariance[k]
      };
    };
  }

  // src/engine/goKernels.ts
  var GO_KERNEL_HOST = "__foresightGoKernels";
  function goKernels(host) {
    const missing = Object.keys(typescriptKernels).filter(
      (name) => typeof host[name] !== "function"
    );
    if (missing.length > 0) {
      throw new Error(`the Go kernel host defines no ${missing.join(", ")}`);
    }
    const layoutText = /* @__PURE__ */ new WeakMap();
    const layoutJson = (layout) => {
      let text = layoutText.get(layout);
      if (text === void 0) {
        text = JSON.stringify(layout);
        layoutText.set(layout, text);
      }
      return text;
    };
    const f64 = (buffer) => new Float64Array(buffer);
    return {
      // Kernels that return numbers or nothing take the host's function as it is.
      ...host,
      designMatrix: (timestamps, layout, multiplicative) => f64(host.designMatrix(timestamps, layoutJson(layout), multiplicative != null ? multiplicative : null)),
      weightedGram: (X, n, p, y, w) => {
        const both = f64(host.weightedGram(X, n, p, y, w));
        return { gram: both.subarray(0, p * p), xty: both.subarray(p * p, p * p + p) };
      },
      solveSpd: (A, b, p) => f64(host.solveSpd(A, b, p)),
      solveColumns: (gram, width, columns, ridge, floor) => f64(host.solveColumns(gram, width, columns, ridge, floor)),
      multiply: (X, n, p, beta, from = 0, to = p) => f64(host.multiply(X, n, p, beta, from, to)),
      scaled: (values, factor, abs, keep) => f64(host.scaled(values, factor, abs, keep)),
      differences: (values, sort, positiveOnly) => f64(host.differences(values, sort, positiveOnly)),
      quantiles: (values, qs) => f64(host.quantiles(values, qs)),
      rollingMedians: (values, k) => f64(host.rollingMedians(values, k)),
      equalRuns: (values, minRun) => f64(host.equalRuns(values, minRun)),
      seasonalRemainder: (timestamps, residuals, weights, carry) => f64(host.seasonalRemainder(timestamps, residuals, weights, carry)),
      gridLookup: (timestamps, grid, table, fallback) => f64(host.gridLookup(timestamps, grid, table, fallback)),
      lagDesign: (values, lags, from, to, intercept, keep) => f64(host.lagDesign(values, lags, from, to, intercept, keep)),
      arPsiVariance: (lags, coefficients, steps) => f64(host.arPsiVariance(lags, coefficients, steps)),
      binnedSums: (timestamps, values, weights, originMs, binMs, bins) => f64(host.binnedSums(timestamps, values, weights, originMs, binMs, bins)),
      dayKindDifference: (sums, binsPerDay, days2, offDay, significance, minBar) => f64(host.dayKindDifference(sums, binsPerDay, days2, offDay, significance, minBar)),
      holtWintersStart: (timestamps, values, grid, initSlots) => f64(host.holtWintersStart(timestamps, values, grid, initSlots)),
      trainNetwork: (rows, targets, settings) => f64(host.trainNetwork(rows, targets, settings)),
      networkOutputs: (weights, rows, inputs, hidden) => f64(host.networkOutputs(weights, rows, inputs, hidden)),
      decodeFloat64s: (text) => f64(host.decodeFloat64s(text)),
      expandRuns: (runs) => f64(host.expandRuns(runs)),
      collapseRuns: (times) => f64(host.collapseRuns(times)),
      decodeValueSteps: (text, step2) => f64(host.decodeValueSteps(text, step2))
    };
  }
  function hostKernels() {
    const host = globalThis[GO_KERNEL_HOST];
    if (!host) {
      return null;
    }
    if ((wrapped == null ? void 0 : wrapped.host) !== host) {
      wrapped = { host, kernels: goKernels(host) };
    }
    return wrapped.kernels;
  }
  var wrapped;
  var JSON_TEXT_HOST = "__foresightJsonText";
  function hostJsonText() {
    const jsonText = globalThis[JSON_TEXT_HOST];
    return typeof jsonText === "function" ? jsonText : void 0;
  }

  // src/engine/recentModels.ts
  var MAX_RECENT_MODELS = 2;
  var recent = /* @__PURE__ */ new Map();
  function rememberModel(text, model) {
    recent.delete(text);
    recent.set(text, model);
    if (recent.size > MAX_RECENT_MODELS) {
      recent.delete(recent.keys().next().value);
    }
  }
  function modelOfText(text, read) {
    const known = recent.get(text);
    if (known !== void 0) {
      rememberModel(text, known);
      return known;
    }
    const model = read(text);
    rememberModel(text, model);
    return model;
  }

  // src/engine/entry.ts
  function activeKernels() {
    var _a;
    return (_a = hostKernels()) != null ? _a : typescriptKernels;
  }
  function parseObject(text, what) {
    if (text === "") {
      return {};
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ModelInputError(`${what} is not valid JSON`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ModelInputError(`${what} must be a JSON object`);
    }
    if (nestsDeeper(value, MAX_NESTING)) {
      throw new ModelInputError(`${what} nest deeper than ${MAX_NESTING} levels`);
    }
    return value;
  }
  function toJson4(value) {
    return JSON.stringify(value, (_key, v) => ArrayBuffer.isView(v) ? Array.from(v) : v);
  }
  function float64(buffer) {
    if (buffer.byteLength % 8 !== 0) {
      throw new ModelInputError(
        `a float64 buffer of ${buffer.byteLength} bytes is not a whole number of values (8 bytes each)`
      );
    }
    return new Float64Array(buffer);
  }
  var MAX_OUTLOOK_STEPS = 60480;
  var DEMO_SERIES = ["messaging"];
  var MAX_DEMO_POINTS = 1e6;
  function fit2(timestamps, values, paramsJson) {
    const params = parseObject(paramsJson, "params");
    const kernels = activeKernels();
    const model = fitModel(float64(timestamps), float64(values), params, kernels);
    const texts = serializeModelParts(model, kernels, hostJsonText());
    rememberModel(texts.model, model);
    return texts;
  }
  function modelOf(modelText) {
    return modelOfText(modelText, (text) => deserializeModel(text, "", activeKernels()));
  }
  function update2(modelText, stateText, addedTimes, addedValues, windowStart, droppedTimes, droppedValues, paramsJson) {
    const params = parseObject(paramsJson, "params");
    const change = {
      added: { timestamps: float64(addedTimes), values: float64(addedValues) },
      windowStart,
      dropped: { timestamps: float64(droppedTimes), values: float64(droppedValues) }
    };
    const kernels = activeKernels();
    return serializeModelParts(
      updateModel(deserializeModel(modelText, stateText, kernels), change, params, kernels),
      kernels,
      hostJsonText()
    );
  }
  function checkParams(paramsJson) {
    const width = widestDesign(resolveParams(parseObject(paramsJson, "params")));
    return width.trend + width.seasonalities + width.holidays;
  }
  function predict2(modelText, timestamps, values) {
    const out = predictModel(
      modelOf(modelText),
      float64(timestamps),
      values === null ? void 0 : float64(values),
      activeKernels()
    );
    return {
      yhat: out.yhat,
      yhat_lower: out.yhat_lower,
      yhat_upper: out.yhat_upper,
      score: out.score,
      outlier: out.outlier
    };
  }
  function components(modelText, timestamps) {
    const out = predictModel(modelOf(modelText), float64(timestamps), void 0, activeKernels());
    const parts = { trend: out.trend };
    for (const [name, values] of Object.entries(out.seasonal)) {
      parts[name in parts || name === "holidays" ? `seasonality_${name}` : name] = values;
    }
    parts.holidays = out.holidays;
    return parts;
  }
  function crossValidate2(timestamps, values, paramsJson, optionsJson) {
    const params = parseObject(paramsJson, "params");
    const options = parseObject(optionsJson, "options");
    const { rows, label_metrics } = crossValidateLabelled(float64(timestamps), float64(values), params, {
      ...options,
      model: foresightModel(activeKernels())
    });
    const metrics = performanceMetrics(rows, { rollingWindow: options.rollingWindow });
    return toJson4(label_metrics === null ? metrics : { ...metrics, label_metrics });
  }
  function tune2(timestamps, values, paramsJson, optionsJson) {
    const params = parseObject(paramsJson, "params");
    const options = parseObject(optionsJson, "options");
    if (options.families !== void 0) {
      return select(timestamps, values, paramsJson, optionsJson);
    }
    return toJson4(
      tune(float64(timestamps), float64(values), params, { ...options, model: foresightModel(activeKernels()) })
    );
  }
  function select(timestamps, values, paramsJson, optionsJson) {
    var _a;
    const params = parseObject(paramsJson, "params");
    const { kernels: _ignored, ...options } = parseObject(optionsJson, "options");
    const result = selectModel(float64(timestamps), float64(values), params, { ...options, kernels: activeKernels() });
    const overrides = servingOverrides(result.winner, params);
    const labelMetrics2 = (_a = result.winner.scores) == null ? void 0 : _a.label_metrics;
    return toJson4({
      ...result,
      overrides,
      winnerParams: { ...params, ...overrides },
      ...labelMetrics2 !== void 0 ? { label_metrics: labelMetrics2 } : {}
    });
  }
  function demo(name, start, end, stepMs, seed) {
    if (!DEMO_SERIES.includes(name)) {
      throw new ModelInputError(`unknown demo series "${name}" (known: ${DEMO_SERIES.join(", ")})`);
    }
    if (![start, end, stepMs, seed].every(Number.isFinite) || !(stepMs > 0) || !(end > start)) {
      throw new ModelInputError("the demo series needs finite from < to and a positive step");
    }
    const points = Math.ceil((end - start) / stepMs);
    if (points > MAX_DEMO_POINTS) {
      throw new ModelInputError(`the demo series would have ${points} points; the limit is ${MAX_DEMO_POINTS}`);
    }
    const series = generateDemoSeries({ start, end, stepMs, seed });
    return { timestamps: series.timestamps, values: series.values };
  }
  function outlook(modelText, fromMs, stepMs, leadMs, thresholdsJson, recentTimes = null, recentValues = null) {
    if (!(Number.isFinite(stepMs) && stepMs > 0)) {
      throw new ModelInputError(`the outlook's step must be a positive duration, got ${String(stepMs)} ms`);
    }
    if (!(Number.isFinite(leadMs) && leadMs > 0)) {
      throw new ModelInputError(`the lead time must be a positive duration, got ${String(leadMs)} ms`);
    }
    const steps = Math.floor(leadMs / stepMs);
    if (steps < 1 || steps > MAX_OUTLOOK_STEPS) {
      throw new ModelInputError(
        `the lead time holds ${steps} steps of ${stepMs} ms; it must hold between 1 and ${MAX_OUTLOOK_STEPS}`
      );
    }
    const thresholds = parseObject(thresholdsJson, "thresholds");
    const model = deserializeModel(modelText, "", activeKernels());
    const timestamps = new Float64Array(steps);
    for (let i = 0; i < steps; i++) {
      timestamps[i] = fromMs + (i + 1) * stepMs;
    }
    const forecast = predictModel(withLearnedDaysOnly(model), timestamps, void 0, activeKernels());
    const recent2 = recentSeries(recentTimes, recentValues);
    const result = breachOutlook({
      fromMs,
      leadMs,
      forecast,
      interval_width: model.params.interval_width,
      thresholds,
      anchor: recent2 === null ? void 0 : anchorAt(model, fromMs, recent2, leadMs, activeKernels())
    });
    return JSON.stringify({
      breach_eta_s: result.eta_ms === null ? null : result.eta_ms / 1e3,
      breach_probability: result.probability,
      side: result.side,
      crossing_ms: result.crossing_ms
    });
  }
  function recentSeries(times, values) {
    if (times === null && values === null) {
      return null;
    }
    if (times === null || values === null) {
      throw new ModelInputError("the outlook needs both recent times and recent values, or neither");
    }
    const series = { timestamps: float64(times), values: float64(values) };
    if (series.timestamps.length !== series.values.length) {
      throw new ModelInputError(
        `the outlook got ${series.timestamps.length} recent times but ${series.values.length} values`
      );
    }
    for (let i = 1; i < series.timestamps.length; i++) {
      if (!(series.timestamps[i] > series.timestamps[i - 1])) {
        throw new ModelInputError(`the outlook's recent times must ascend; row ${i} does not`);
      }
    }
    return series;
  }
  function drift(modelText, timestamps, values, optionsJson) {
    var _a;
    const options = resolveDriftOptions(parseObject(optionsJson, "drift options"));
    const model = deserializeModel(modelText, "", activeKernels());
    const ts = float64(timestamps);
    const ys = float64(values);
    const predicted = predictModel(model, ts, ys, activeKernels());
    const result = detectDrift({ ...predicted, values: ys, interval_width: model.params.interval_width }, options);
    return { drift: new Float64Array(result.drift), drift_start_ms: (_a = result.drift_start_ms) != null ? _a : NaN };
  }
  return __toCommonJS(entry_exports);
})();
