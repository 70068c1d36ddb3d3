//! Calendar dates for reports and replies: the day of the check, a reply's deadline, a
//! letter's date as printed. The renderers take the date as input (a browser page passes
//! its own), so that they never read the clock themselves.

use std::fmt;

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

impl Date {
    /// The date `days` days after 1970-01-01; outside the calendar `time` supports
    /// (±9999 years) the nearest day it has.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let julian = (days + UNIX_EPOCH_JULIAN_DAY).clamp(
            i64::from(time::Date::MIN.to_julian_day()),
            i64::from(time::Date::MAX.to_julian_day()),
        );
        time::Date::from_julian_day(julian as i32).map_or(Self::EPOCH, Self::from)
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days_since_epoch`]).
    pub fn days_since_epoch(self) -> i64 {
        self.calendar_date().map_or(0, |date| {
            i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
        })
    }

    /// Today, by the system clock (UTC). Only front ends call this.
    pub fn today() -> Self {
        Self::from(time::OffsetDateTime::now_utc().date())
    }

    /// The date `days` days later.
    pub fn plus_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// An ISO date (`2026-10-14`), as the engine reports a letter's date; `None` for a day
    /// the calendar does not have (`2026-02-30`).
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        let date = Self { year, month, day };
        date.calendar_date().map(|_| date)
    }

    /// `2026-10-14`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    const EPOCH: Self = Self {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The same day as a `time` date, when the calendar has it.
    fn calendar_date(self) -> Option<time::Date> {
        let month = time::Month::try_from(u8::try_from(self.month).ok()?).ok()?;
        time::Date::from_calendar_date(self.year, month, u8::try_from(self.day).ok()?).ok()
    }
}

impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Self {
            year: date.year(),
            month: u32::from(u8::from(date.month())),
            day: u32::from(date.day()),
        }
    }
}

/// German style, `14.10.2026`, which the letters and the replies use in both languages.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_leap_years_and_month_ends() {
        assert_eq!(
            Date::from_days_since_epoch(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        let leap = Date {
            year: 2028,
            month: 2,
            day: 29,
        };
        assert_eq!(Date::from_days_since_epoch(leap.days_since_epoch()), leap);
        assert_eq!(leap.plus_days(1).to_string(), "01.03.2028");
        let new_year = Date::parse_iso("2026-12-25").map(|d| d.plus_days(14));
        assert_eq!(new_year.map(|d| d.iso()).as_deref(), Some("2027-01-08"));
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::parse_iso("2026-13-01"), None);
        assert_eq!(Date::parse_iso("2026-02-30"), None);
        assert_eq!(Date::parse_iso("kein Datum"), None);
    }
}
