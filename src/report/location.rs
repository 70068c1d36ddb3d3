//! The `location` of a finding: format-specific position details (byte offsets, the
//! page, the mbox message, the agency …), a JSON object with its keys in order.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A small map from keys to JSON values, kept sorted by key, serialized as a JSON object
/// exactly as a `BTreeMap<String, Value>` would be. A finding has a handful of entries:
/// a sorted vector of them takes a sixth of a B-tree node's memory, and the usual keys
/// are static strings that take none (keyword-dense text has a finding in every
/// sentence).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    entries: Vec<(Cow<'static, str>, Value)>,
}

impl Location {
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(held, _)| held.as_ref().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).ok().map(|at| &self.entries[at].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.position(key).ok().map(|at| &mut self.entries[at].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it had.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.position(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_ref(), value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Gives back memory reserved for entries that were not added.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }
}

impl Location {
    /// The entries of `map`, with room for `more`.
    pub fn with_capacity(map: &std::collections::BTreeMap<String, Value>, more: usize) -> Self {
        let mut entries = Vec::with_capacity(map.len() + more);
        entries.extend(
            map.iter()
                .map(|(key, value)| (Cow::Owned(key.clone()), value.clone())),
        );
        Self { entries }
    }
}

impl From<&std::collections::BTreeMap<String, Value>> for Location {
    fn from(map: &std::collections::BTreeMap<String, Value>) -> Self {
        Self::with_capacity(map, 0)
    }
}

impl std::ops::Index<&str> for Location {
    type Output = Value;

    /// The value of `key`; panics when there is none, as a map's index does.
    fn index(&self, key: &str) -> &Value {
        self.get(key)
            .unwrap_or_else(|| panic!("no {key:?} in the location"))
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key.as_ref(), value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_serializes_as_the_map_it_replaces() {
        let mut location = Location::default();
        let mut map = std::collections::BTreeMap::new();
        for (key, value) in [
            ("offset", Value::from(3)),
            ("agency", Value::from("Jobcenter")),
            ("length", Value::from(7)),
            ("page", Value::from(2)),
            ("agency", Value::from("Sozialamt")),
        ] {
            assert_eq!(
                location.insert(key, value.clone()),
                map.insert(key.to_string(), value)
            );
        }
        assert_eq!(
            serde_json::to_string(&location).ok(),
            serde_json::to_string(&map).ok()
        );
        assert_eq!(location["page"], 2);
        assert!(location.contains_key("length") && !location.contains_key("line_is"));
        assert_eq!(Location::from(&map), location);
    }
}
