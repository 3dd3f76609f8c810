//! Temporal expressions: finding them with the patterns of `data/time/patterns.toml` and
//! normalising them as TIMEX3 values relative to the document creation time (DCT, the
//! publication date).
//!
//! Patterns are data; what each *kind* of expression means ("the most recent past Dec 26", "the
//! ISO week of the DCT") is code, chosen by the pattern's `normalize` field. Without a DCT the
//! values stay underspecified (`XXXX-12-26`) and the intervals empty: a year is never guessed.

use chrono::{Datelike, Days, Months, NaiveDate};
use corroborate_model::{Span, TimePrecision, TimexType};
use regex::{Captures, Regex};
use serde::Deserialize;
use std::collections::BTreeMap;

use super::terms::{self, Placeholders};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the time pattern file.
pub(super) const FILE: &str = "time/patterns.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    names: Names,
    pattern: Vec<PatternEntry>,
    statement_cue: Vec<StatementCueEntry>,
    #[serde(default)]
    known_failures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    /// Spellings of each month, January first.
    months: Vec<Vec<String>>,
    /// Spellings of each weekday, Monday first.
    weekdays: Vec<Vec<String>>,
    /// Number words and their values.
    numbers: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Example {
    pub(super) text: String,
    #[serde(default)]
    pub(super) dct: Option<NaiveDate>,
    pub(super) value: Option<String>,
    #[serde(default)]
    pub(super) earliest: Option<NaiveDate>,
    #[serde(default)]
    pub(super) latest: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    pattern: String,
    normalize: String,
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementCueEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    /// Matched against the text just before the expression; must end with `$`.
    before: String,
    examples: Vec<String>,
}

/// What a matched expression means; the `normalize` field of a pattern names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    MonthDay,
    IsoDate,
    MonthYear,
    MonthOnly,
    SinceMonth,
    ThisMonth,
    LastMonth,
    ThisWeek,
    LastWeek,
    Today,
    Yesterday,
    Weekday,
    UnitsAgo,
    ThisYear,
    LastYear,
    YearOnly,
    PastDuration,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "month_day" => Kind::MonthDay,
            "iso_date" => Kind::IsoDate,
            "month_year" => Kind::MonthYear,
            "month_only" => Kind::MonthOnly,
            "since_month" => Kind::SinceMonth,
            "this_month" => Kind::ThisMonth,
            "last_month" => Kind::LastMonth,
            "this_week" => Kind::ThisWeek,
            "last_week" => Kind::LastWeek,
            "today" => Kind::Today,
            "yesterday" => Kind::Yesterday,
            "weekday" => Kind::Weekday,
            "units_ago" => Kind::UnitsAgo,
            "this_year" => Kind::ThisYear,
            "last_year" => Kind::LastYear,
            "year_only" => Kind::YearOnly,
            "past_duration" => Kind::PastDuration,
            _ => return None,
        })
    }
}

#[derive(Debug)]
struct Pattern {
    id: String,
    regex: Regex,
    kind: Kind,
    examples: Vec<Example>,
}

#[derive(Debug)]
struct StatementCue {
    id: String,
    before: Regex,
    examples: Vec<String>,
}

/// A temporal expression, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Where it lies.
    pub(super) span: Span,
    /// Id of the pattern that matched.
    pub(super) rule_id: String,
    /// TIMEX3 type.
    pub(super) timex_type: TimexType,
    /// TIMEX3 value, possibly underspecified.
    pub(super) value: Option<String>,
    /// Earliest day the expression allows (`None` without a DCT, or for durations).
    pub(super) earliest: Option<NaiveDate>,
    /// Latest day the expression allows.
    pub(super) latest: Option<NaiveDate>,
    /// Granularity.
    pub(super) precision: TimePrecision,
}

/// The compiled time patterns.
#[derive(Debug)]
pub(super) struct TimeLexicon {
    patterns: Vec<Pattern>,
    statement_cues: Vec<StatementCue>,
    months: BTreeMap<String, u32>,
    weekdays: BTreeMap<String, u32>,
    numbers: BTreeMap<String, u32>,
    known_failures: Vec<String>,
}

impl TimeLexicon {
    /// Compiles `time/patterns.toml`.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let file: PatternFile = terms::load(files, FILE)?;
        if file.names.months.len() != 12 || file.names.weekdays.len() != 7 {
            return Err(terms::invalid(FILE, "names.months needs 12 lists and names.weekdays 7"));
        }
        let mut months = BTreeMap::new();
        let mut all_months = Vec::new();
        for (idx, spellings) in file.names.months.iter().enumerate() {
            for s in spellings {
                months.insert(s.to_lowercase(), idx as u32 + 1);
                all_months.push(s.clone());
            }
        }
        let mut weekdays = BTreeMap::new();
        let mut all_weekdays = Vec::new();
        for (idx, spellings) in file.names.weekdays.iter().enumerate() {
            for s in spellings {
                weekdays.insert(s.to_lowercase(), idx as u32);
                all_weekdays.push(s.clone());
            }
        }
        let numbers: BTreeMap<String, u32> =
            file.names.numbers.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let mut placeholders = Placeholders::default();
        placeholders.words("MONTH", &all_months);
        placeholders.words("WEEKDAY", &all_weekdays);
        let number_words: Vec<String> = numbers.keys().cloned().collect();
        let mut number_alt = number_words.clone();
        number_alt.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let number_alt: Vec<String> = number_alt.iter().map(|w| regex::escape(w)).collect();
        placeholders.fragment("NUMBER", &format!(r"\d{{1,3}}|{}", number_alt.join("|")));

        let mut patterns = Vec::new();
        for entry in file.pattern {
            let kind = Kind::parse(&entry.normalize).ok_or_else(|| {
                terms::invalid(
                    FILE,
                    format!(
                        "entry {}: unknown normalize {:?}; use one of month_day, iso_date, \
                         month_year, month_only, since_month, this_month, last_month, this_week, \
                         last_week, today, yesterday, weekday, units_ago, this_year, last_year, \
                         year_only, past_duration",
                        entry.id, entry.normalize
                    ),
                )
            })?;
            let regex = terms::regex(FILE, &entry.id, &entry.pattern, &placeholders)?;
            patterns.push(Pattern { id: entry.id, regex, kind, examples: entry.examples });
        }
        let mut statement_cues = Vec::new();
        for entry in file.statement_cue {
            if !entry.before.ends_with('$') {
                return Err(terms::invalid(
                    FILE,
                    format!("entry {}: a statement cue's `before` must end with $", entry.id),
                ));
            }
            let before = terms::regex(FILE, &entry.id, &entry.before, &placeholders)?;
            statement_cues.push(StatementCue { id: entry.id, before, examples: entry.examples });
        }
        Ok(TimeLexicon {
            patterns,
            statement_cues,
            months,
            weekdays,
            numbers,
            known_failures: file.known_failures,
        })
    }

    /// Temporal expressions inside `within`, normalised against `dct`, in text order and
    /// without overlaps (the longest wins).
    pub(super) fn find(&self, text: &str, within: Span, dct: Option<NaiveDate>) -> Vec<Found> {
        let mut found = Vec::new();
        for pattern in &self.patterns {
            for (span, caps) in terms::find_in(&pattern.regex, text, within) {
                if let Some(f) = self.normalize(pattern, span, &caps, dct) {
                    found.push(f);
                }
            }
        }
        found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
        let mut chosen: Vec<Found> = Vec::new();
        for f in found {
            match chosen.last() {
                Some(last) if last.span.end > f.span.start => {}
                _ => chosen.push(f),
            }
        }
        chosen
    }

    /// The id of the statement cue that the text before `at` (not before `floor`) ends with:
    /// "said on", "in a radio interview on", "indicated".
    pub(super) fn statement_cue(&self, text: &str, floor: usize, at: usize) -> Option<&str> {
        let before = terms::text_before(text, floor, at, 80);
        self.statement_cues.iter().find(|c| c.before.is_match(before)).map(|c| c.id.as_str())
    }

    fn number(&self, caps: &Captures<'_>, name: &str) -> Option<u32> {
        let raw = caps.name(name)?.as_str().to_lowercase();
        raw.parse().ok().or_else(|| self.numbers.get(&raw).copied())
    }

    fn month(&self, caps: &Captures<'_>) -> Option<u32> {
        let raw = caps.name("month")?.as_str().to_lowercase();
        raw.parse().ok().or_else(|| self.months.get(raw.trim_end_matches('.')).copied())
    }

    fn normalize(
        &self,
        pattern: &Pattern,
        span: Span,
        caps: &Captures<'_>,
        dct: Option<NaiveDate>,
    ) -> Option<Found> {
        let mut out = Found {
            span,
            rule_id: pattern.id.clone(),
            timex_type: TimexType::Date,
            value: None,
            earliest: None,
            latest: None,
            precision: TimePrecision::Unknown,
        };
        match pattern.kind {
            Kind::MonthDay | Kind::IsoDate => {
                let month = self.month(caps)?;
                let day = self.number(caps, "day")?;
                let year = self.number(caps, "year").map(|y| y as i32);
                let date = match (year, dct) {
                    (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
                    (None, Some(dct)) => most_recent_month_day(dct, month, day),
                    (None, None) => {
                        // Check the day exists in some year before keeping the partial value.
                        NaiveDate::from_ymd_opt(2000, month, day)?;
                        out.value = Some(format!("XXXX-{month:02}-{day:02}"));
                        out.precision = TimePrecision::Day;
                        return Some(out);
                    }
                }?;
                out.value = Some(date.format("%Y-%m-%d").to_string());
                set_days(&mut out, date, date, TimePrecision::Day);
            }
            Kind::MonthYear => {
                let month = self.month(caps)?;
                let year = self.number(caps, "year")? as i32;
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                out.value = Some(format!("{year:04}-{month:02}"));
                set_days(&mut out, first, month_end(first)?, TimePrecision::Month);
            }
            Kind::MonthOnly | Kind::SinceMonth => {
                let month = self.month(caps)?;
                let Some(dct) = dct else {
                    out.value = Some(format!("XXXX-{month:02}"));
                    out.precision = TimePrecision::Month;
                    return Some(out);
                };
                let year = if month > dct.month() { dct.year() - 1 } else { dct.year() };
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                out.value = Some(format!("{year:04}-{month:02}"));
                if pattern.kind == Kind::SinceMonth {
                    set_days(&mut out, first, dct, TimePrecision::Months);
                } else {
                    set_days(&mut out, first, month_end(first)?.min(dct), TimePrecision::Month);
                }
            }
            Kind::ThisMonth | Kind::LastMonth => {
                let Some(dct) = dct else {
                    out.value = Some("XXXX-XX".to_string());
                    out.precision = TimePrecision::Month;
                    return Some(out);
                };
                let mut first = dct.with_day(1)?;
                if pattern.kind == Kind::LastMonth {
                    first = first.checked_sub_months(Months::new(1))?;
                }
                out.value = Some(first.format("%Y-%m").to_string());
                set_days(&mut out, first, month_end(first)?.min(dct), TimePrecision::Month);
            }
            Kind::ThisWeek | Kind::LastWeek => {
                let Some(dct) = dct else {
                    out.value = Some("XXXX-WXX".to_string());
                    out.precision = TimePrecision::Week;
                    return Some(out);
                };
                let mut monday = dct
                    .checked_sub_days(Days::new(u64::from(dct.weekday().num_days_from_monday())))?;
                if pattern.kind == Kind::LastWeek {
                    monday = monday.checked_sub_days(Days::new(7))?;
                }
                out.value = Some(iso_week(monday));
                let sunday = monday.checked_add_days(Days::new(6))?;
                set_days(&mut out, monday, sunday.min(dct), TimePrecision::Week);
            }
            Kind::Today | Kind::Yesterday => {
                let Some(dct) = dct else {
                    out.value = Some("XXXX-XX-XX".to_string());
                    out.precision = TimePrecision::Day;
                    return Some(out);
                };
                let back = u64::from(pattern.kind == Kind::Yesterday);
                let day = dct.checked_sub_days(Days::new(back))?;
                out.value = Some(day.format("%Y-%m-%d").to_string());
                set_days(&mut out, day, day, TimePrecision::Day);
            }
            Kind::Weekday => {
                let raw = caps.name("weekday")?.as_str().to_lowercase();
                let weekday = *self.weekdays.get(raw.trim_end_matches('.'))?;
                let Some(dct) = dct else {
                    out.value = Some(format!("XXXX-WXX-{}", weekday + 1));
                    out.precision = TimePrecision::Day;
                    return Some(out);
                };
                // The most recent such weekday on or before the DCT: reports speak of the past.
                let back = (dct.weekday().num_days_from_monday() + 7 - weekday) % 7;
                let day = dct.checked_sub_days(Days::new(u64::from(back)))?;
                out.value = Some(day.format("%Y-%m-%d").to_string());
                set_days(&mut out, day, day, TimePrecision::Day);
            }
            Kind::UnitsAgo => {
                let n = self.number(caps, "num")?;
                let unit = caps.name("unit")?.as_str().to_lowercase();
                let Some(dct) = dct else {
                    out.value = Some(underspecified_for_unit(&unit).to_string());
                    out.precision = precision_for_unit(&unit);
                    return Some(out);
                };
                if unit.starts_with("day") || unit.starts_with("night") {
                    let day = dct.checked_sub_days(Days::new(u64::from(n)))?;
                    out.value = Some(day.format("%Y-%m-%d").to_string());
                    set_days(&mut out, day, day, TimePrecision::Day);
                } else if unit.starts_with("week") {
                    let day = dct.checked_sub_days(Days::new(u64::from(n) * 7))?;
                    let monday = day.checked_sub_days(Days::new(u64::from(
                        day.weekday().num_days_from_monday(),
                    )))?;
                    out.value = Some(iso_week(monday));
                    let sunday = monday.checked_add_days(Days::new(6))?;
                    set_days(&mut out, monday, sunday, TimePrecision::Week);
                } else if unit.starts_with("month") {
                    let first = dct.with_day(1)?.checked_sub_months(Months::new(n))?;
                    out.value = Some(first.format("%Y-%m").to_string());
                    set_days(&mut out, first, month_end(first)?, TimePrecision::Month);
                } else {
                    let year = dct.year() - n as i32;
                    year_interval(&mut out, year)?;
                }
            }
            Kind::ThisYear | Kind::LastYear => {
                let Some(dct) = dct else {
                    out.value = Some("XXXX".to_string());
                    out.precision = TimePrecision::Year;
                    return Some(out);
                };
                let year = dct.year() - i32::from(pattern.kind == Kind::LastYear);
                year_interval(&mut out, year)?;
                out.latest = out.latest.map(|l| l.min(dct));
            }
            Kind::YearOnly => {
                let year = self.number(caps, "year")? as i32;
                year_interval(&mut out, year)?;
            }
            Kind::PastDuration => {
                let unit =
                    caps.name("unit").or_else(|| caps.name("unit2"))?.as_str().to_lowercase();
                let letter = match unit.chars().next() {
                    Some('d') | Some('n') => "D",
                    Some('w') => "W",
                    Some('m') => "M",
                    _ => "Y",
                };
                out.timex_type = TimexType::Duration;
                match self.number(caps, "num") {
                    Some(n) => out.value = Some(format!("P{n}{letter}")),
                    None => out.value = Some(format!("PX{letter}")),
                }
            }
        }
        Some(out)
    }

    /// Runs every example; returns `(entry id, what went wrong)` for each failure that is not in
    /// `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for pattern in &self.patterns {
            for ex in &pattern.examples {
                let span = Span::new(0, ex.text.len());
                let found = self.find(&ex.text, span, ex.dct);
                let hit = found.iter().find(|f| f.rule_id == pattern.id);
                let ok = match hit {
                    None => false,
                    Some(f) => {
                        f.value == ex.value
                            && (ex.earliest.is_none() || f.earliest == ex.earliest)
                            && (ex.latest.is_none() || f.latest == ex.latest)
                            && (!f.value.as_deref().unwrap_or("X").contains('X')
                                || (f.earliest.is_none() && f.latest.is_none()))
                    }
                };
                if !ok && !self.known_failures.contains(&pattern.id) {
                    failures.push((pattern.id.clone(), format!("{:?} gave {:?}", ex.text, hit)));
                }
            }
        }
        for cue in &self.statement_cues {
            for ex in &cue.examples {
                // The example marks the expression with [brackets]; the cue must match before it.
                let at = ex.find('[').unwrap_or(ex.len());
                let hit = self.statement_cue(ex, 0, at);
                if hit != Some(cue.id.as_str()) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} gave {hit:?}")));
                }
            }
        }
        failures
    }
}

fn set_days(out: &mut Found, earliest: NaiveDate, latest: NaiveDate, precision: TimePrecision) {
    out.earliest = Some(earliest);
    out.latest = Some(latest);
    out.precision = precision;
}

fn year_interval(out: &mut Found, year: i32) -> Option<()> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    out.value = Some(format!("{year:04}"));
    set_days(out, first, last, TimePrecision::Year);
    Some(())
}

/// The most recent `month`/`day` on or before `dct`, looking back up to eight years for a
/// 29 February.
fn most_recent_month_day(dct: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (0..8).find_map(|back| {
        NaiveDate::from_ymd_opt(dct.year() - back, month, day).filter(|d| *d <= dct)
    })
}

fn month_end(first: NaiveDate) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(1))?.checked_sub_days(Days::new(1))
}

fn iso_week(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

fn underspecified_for_unit(unit: &str) -> &'static str {
    match precision_for_unit(unit) {
        TimePrecision::Day => "XXXX-XX-XX",
        TimePrecision::Week => "XXXX-WXX",
        TimePrecision::Month => "XXXX-XX",
        _ => "XXXX",
    }
}

fn precision_for_unit(unit: &str) -> TimePrecision {
    if unit.starts_with("day") || unit.starts_with("night") {
        TimePrecision::Day
    } else if unit.starts_with("week") {
        TimePrecision::Week
    } else if unit.starts_with("month") {
        TimePrecision::Month
    } else {
        TimePrecision::Year
    }
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> &'static TimeLexicon {
        &crate::events::tests::lexicon().time
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn seed_expressions_with_and_without_dct() {
        let lex = lexicon();
        let text = "indicated this week that it took place earlier this month; on Dec 26";
        let all = Span::new(0, text.len());
        let found = lex.find(text, all, Some(date(2025, 12, 30)));
        let values: Vec<_> = found.iter().map(|f| f.value.clone().unwrap_or_default()).collect();
        assert_eq!(values, ["2026-W01", "2025-12", "2025-12-26"]);
        assert_eq!(found[1].earliest, Some(date(2025, 12, 1)));
        assert_eq!(found[1].latest, Some(date(2025, 12, 30)));
        let bare = lex.find(text, all, None);
        assert_eq!(bare[2].value.as_deref(), Some("XXXX-12-26"));
        assert!(bare.iter().all(|f| f.earliest.is_none() && f.latest.is_none()));
    }

    #[test]
    fn a_date_after_the_dct_is_last_year() {
        let lex = lexicon();
        let text = "on December 31";
        let found = lex.find(text, Span::new(0, text.len()), Some(date(2026, 1, 2)));
        assert_eq!(found[0].value.as_deref(), Some("2025-12-31"));
    }
}
