//! The order of rule ids. Ids are a prefix and a number (FL101, FL1001); sorted as text,
//! FL1001 would come before FL101, so every list, table and SARIF rules array sorts by
//! [`compare_ids`] (directly or through [`RuleId`] as a map key).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// Compares two rule ids by their letter prefix, then by their number, then as text (so
/// that ids that are not prefix + number still have a total order consistent with `==`).
pub fn compare_ids(a: &str, b: &str) -> Ordering {
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// An id's letter prefix, its number (as digit count and digits, without leading zeros,
/// so that numbers of any length compare by value) and what follows it.
fn parts(id: &str) -> (&str, usize, &str, &str) {
    let prefix_len = id.len() - id.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
    let (prefix, rest) = id.split_at(prefix_len);
    let number_len = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, suffix) = rest.split_at(number_len);
    let number = number.trim_start_matches('0');
    (prefix, number.len(), number, suffix)
}

/// A rule id as a map key that sorts by [`compare_ids`]; serialized as the plain string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RuleId(pub String);

impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_ids(&self.0, &other.0)
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_number_not_as_text() {
        let mut ids = vec![
            "FL1001", "FL101", "FL002", "FL1004", "FL902", "FL11", "X7", "FL101a",
        ];
        ids.sort_by(|a, b| compare_ids(a, b));
        assert_eq!(
            ids,
            [
                "FL002", "FL11", "FL101", "FL101a", "FL902", "FL1001", "FL1004", "X7"
            ]
        );
        assert_eq!(
            compare_ids("FL0101", "FL101"),
            Ordering::Less,
            "equal numbers fall back to text"
        );
    }
}
