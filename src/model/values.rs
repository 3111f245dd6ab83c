//! Reading and writing the values users type: money and dates.

use chrono::NaiveDate;

use super::error::ValidationError;

/// Parses an amount of money into pence: "2500", "£2,500.50", "£34 million",
/// "£1.5m", "£90k".
pub fn parse_money(field: &str, text: &str) -> Result<i64, ValidationError> {
    let bad = || {
        ValidationError::new(
            field,
            format!("\"{text}\" is not an amount of money (for example £2,500 or £1.5m)"),
        )
    };
    let t = text.trim().to_ascii_lowercase().replace([',', ' '], "");
    let t = t.strip_prefix('£').unwrap_or(&t);
    let (number, scale) = if let Some(n) = t.strip_suffix("million") {
        (n, 1_000_000.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 1_000_000.0)
    } else if let Some(n) = t.strip_suffix('k') {
        (n, 1_000.0)
    } else {
        (t, 1.0)
    };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    let pence = (value * scale * 100.0).round();
    if !pence.is_finite() || pence > 1e17 {
        return Err(bad());
    }
    Ok(pence as i64)
}

/// "£34,000,000" or "£2,500.50".
pub fn format_money(pence: i64) -> String {
    let pounds = pence / 100;
    let rest = pence % 100;
    let digits = pounds.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if rest == 0 {
        format!("£{grouped}")
    } else {
        format!("£{grouped}.{rest:02}")
    }
}

/// Parses a date written as 2008-03-14 or 14/03/2008 (UK order).
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, ValidationError> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| {
            ValidationError::new(
                field,
                format!("\"{text}\" is not a date (use 2008-03-14 or 14/03/2008)"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_round_trips_the_forms_councils_write() {
        assert_eq!(parse_money("cost", "£34 million"), Ok(3_400_000_000));
        assert_eq!(parse_money("cost", "£1.5m"), Ok(150_000_000));
        assert_eq!(parse_money("cost", "£90k"), Ok(9_000_000));
        assert_eq!(parse_money("cost", "2,500.50"), Ok(250_050));
        assert!(parse_money("cost", "lots").is_err());
        assert!(parse_money("cost", "-5").is_err());
        assert_eq!(format_money(3_400_000_000), "£34,000,000");
        assert_eq!(format_money(250_050), "£2,500.50");
    }

    #[test]
    fn dates_accept_iso_and_uk_order() {
        let d = NaiveDate::from_ymd_opt(2008, 3, 14).unwrap();
        assert_eq!(parse_date("end", "2008-03-14"), Ok(d));
        assert_eq!(parse_date("end", "14/03/2008"), Ok(d));
        assert_eq!(
            parse_date("end", "2008-02-30").unwrap_err().to_string(),
            "end: \"2008-02-30\" is not a date (use 2008-03-14 or 14/03/2008)"
        );
    }
}
