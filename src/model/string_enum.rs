//! Enums stored and typed as short snake_case names ("in_progress").

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and typed name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The list of accepted names, for error messages.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                let exact = Self::ALL.iter().copied().find(|v| v.as_str() == wanted);
                // A unique prefix will do: "lower" for lower_is_better.
                let mut prefixed = Self::ALL
                    .iter()
                    .copied()
                    .filter(|v| !wanted.is_empty() && v.as_str().starts_with(&wanted));
                let unique = match (prefixed.next(), prefixed.next()) {
                    (Some(v), None) => Some(v),
                    _ => None,
                };
                exact
                    .or(unique)
                    .ok_or_else(|| format!("\"{s}\" is not one of {}", Self::choices()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;
