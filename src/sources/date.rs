//! Dates as sources write them (`2005-03-01`, ISO times with offsets, RFC 2822, `1 March
//! 2005`) turned into one sortable key, so carriers of a quotation can be put in order.

/// A date as a sortable key: `YYYY-MM-DD` and an ISO time if one follows, in UTC when an
/// offset is given (`2005-03-01T10:00:00+01:00` → `2005-03-01T09:00:00`). Dates written
/// otherwise (`1 March 2005`, RFC 2822 `Tue, 01 Mar 2005 10:00:00 GMT`) are read too.
/// `None` for what is no date: such an article counts as undated.
pub fn date_key(date: &str) -> Option<String> {
    let d = date.trim();
    if let Some(key) = iso_key(d) {
        return Some(key);
    }
    // `Tue, 01 Mar 2005 10:00:00 GMT`, `1 March 2005`, `March 1, 2005`.
    let words: Vec<&str> = d
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().find_map(|w| month_number(w))?;
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?;
    let day = words
        .iter()
        .find(|w| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()))?;
    let time = words
        .iter()
        .find(|w| w.len() == 8 && w.as_bytes()[2] == b':' && w.as_bytes()[5] == b':');
    let day: u32 = day.parse().ok()?;
    let mut key = format!("{year}-{month:02}-{day:02}");
    if let Some(t) = time {
        key.push('T');
        key.push_str(t);
    }
    Some(key)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    Some(i as u32 + 1)
}

/// `YYYY-MM-DD[Thh:mm[:ss][.fff][Z|±hh:mm]]` as a UTC key.
fn iso_key(d: &str) -> Option<String> {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = d.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, mo, da) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&mo) {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return (d.len() == 10 || !b[10].is_ascii_digit())
            .then(|| format!("{y:04}-{mo:02}-{da:02}"));
    }
    let (h, mi) = (digits(11..13)?, digits(14..16)?);
    let s = if b.get(16) == Some(&b':') {
        digits(17..19)?
    } else {
        0
    };
    let rest = &d[if b.get(16) == Some(&b':') { 19 } else { 16 }..];
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match rest.as_bytes().first() {
        Some(&sign @ (b'+' | b'-')) => {
            let r = &rest[1..];
            let oh: i64 = r.get(0..2)?.parse().ok()?;
            let om: i64 = r
                .get(3..5)
                .or_else(|| r.get(2..4))
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            let o = oh * 60 + om;
            if sign == b'+' { o } else { -o }
        }
        _ => 0,
    };
    // Minutes since the epoch of the day, shifted to UTC, then written back.
    let days = days_from_civil(y, mo, da);
    let minutes = days * 1440 + h * 60 + mi - offset;
    let (day, min) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (y, mo, da) = civil_from_days(day);
    Some(format!(
        "{y:04}-{mo:02}-{da:02}T{:02}:{:02}:{s:02}",
        min / 60,
        min % 60
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_in_utc() {
        assert_eq!(date_key("2005-03-01").as_deref(), Some("2005-03-01"));
        assert_eq!(
            date_key("2005-03-01T00:30:00+01:00").as_deref(),
            Some("2005-02-28T23:30:00")
        );
        assert_eq!(
            date_key("2005-03-01T10:00Z").as_deref(),
            Some("2005-03-01T10:00:00")
        );
        assert_eq!(
            date_key("Tue, 01 Mar 2005 10:00:00 GMT").as_deref(),
            Some("2005-03-01T10:00:00")
        );
        assert_eq!(date_key("1 March 2005").as_deref(), Some("2005-03-01"));
        assert_eq!(date_key("soon"), None);
        assert!(date_key("2004-12-31T23:59:59").unwrap() < date_key("2005-01-01").unwrap());
    }
}
