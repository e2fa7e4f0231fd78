//! How figures are written for people, in one place so the app, the report and the findings
//! agree: `£37,338`.

/// Pounds, rounded to the pound, with thousands separators: `£37,338`.
pub fn money(value: f64) -> String {
    let whole = value.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}£{out}", if whole < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_has_thousands_separators() {
        assert_eq!(super::money(37_338.0), "£37,338");
        assert_eq!(super::money(999.4), "£999");
        assert_eq!(super::money(1_000_000.0), "£1,000,000");
        assert_eq!(super::money(-1234.0), "-£1,234");
    }
}
