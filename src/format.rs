//! How figures are written for people, in one place so the app, the report and the findings
//! agree: `£37,338`.

/// Pounds, rounded to the pound, with thousands separators: `£37,338`.
pub fn money(value: f64) -> String {
    let whole = value.round() as i64;
    format!(
        "{}£{}",
        if whole < 0 { "-" } else { "" },
        thousands(whole.unsigned_abs())
    )
}

/// A count with thousands separators: `1,999,980`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Text from a file, fit to quote in a message: whole if short, else its start and how
/// long it was, so a 5 MB name is not echoed back.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let length = text.chars().count();
    if length <= max_chars {
        return text.to_owned();
    }
    let start: String = text.chars().take(max_chars).collect();
    format!("{start}… ({} characters)", thousands(length as u64))
}

/// The civil (year, month, day) of a count of days since 1970-01-01, in UTC
/// (Howard Hinnant's algorithm).
pub fn civil_date(days_since_epoch: i64) -> (i64, u32, u32) {
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a slide or handout writes it: `26 November 2026` (UTC).
pub fn long_date(when: std::time::SystemTime) -> String {
    let secs = when
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date((secs / 86_400) as i64);
    let name = MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?");
    format!("{day} {name} {year}")
}

/// Today's date (UTC) as `2026-11-27`.
pub fn today_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_date((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// An ISO date, `2025-04-01`, as `1 April 2025`; anything else as it is.
pub fn date_words(iso: &str) -> String {
    let mut parts = iso.trim().splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(year)), Some(Ok(month @ 1..=12)), Some(Ok(day @ 1..=31))) => {
            format!("{day} {} {year}", MONTHS[month as usize - 1])
        }
        _ => iso.to_owned(),
    }
}

/// "1 rule", "3 rules": a count with its noun, singular or plural.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// "pay", "pay and leave", "pay, leave and autonomy": items as a sentence lists them.
pub fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The text with its first letter in capitals: a factor's name at the start of a sentence.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(super::list(&[]), "");
        assert_eq!(super::list(&["pay"]), "pay");
        assert_eq!(super::list(&["pay", "leave"]), "pay and leave");
        assert_eq!(
            super::list(&["pay", "leave", "autonomy"]),
            "pay, leave and autonomy"
        );
    }

    #[test]
    fn long_text_is_cut_and_counted() {
        assert_eq!(super::shorten("Ann Lee", 10), "Ann Lee");
        assert_eq!(
            super::shorten(&"x".repeat(5000), 3),
            "xxx… (5,000 characters)"
        );
        assert_eq!(super::thousands(1_999_980), "1,999,980");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(super::civil_date(0), (1970, 1, 1));
        // 2026-11-26 is day 20,783 since the epoch: 56 × 365 + 14 leap days + 329.
        assert_eq!(super::civil_date(20_783), (2026, 11, 26));
        assert_eq!(super::civil_date(11_016), (2000, 2, 29));
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(20_783 * 86_400 + 3_600);
        assert_eq!(super::long_date(t), "26 November 2026");
    }

    #[test]
    fn money_has_thousands_separators() {
        assert_eq!(super::money(37_338.0), "£37,338");
        assert_eq!(super::money(999.4), "£999");
        assert_eq!(super::money(1_000_000.0), "£1,000,000");
        assert_eq!(super::money(-1234.0), "-£1,234");
    }
}
