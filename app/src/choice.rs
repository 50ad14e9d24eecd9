//! Small enums written as snake_case text: in the database (a sea-orm
//! active enum on the server, so entities hold the enum, not a string), in
//! JSON, in forms and in URLs. Each is declared once with `choice!`.

use crate::error::ErrorCode;

/// The text form of a small enum.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in the order forms list them.
    const ALL: &'static [Self];
    /// How an unknown text is reported.
    const UNKNOWN: ErrorCode;

    fn as_str(self) -> &'static str;

    fn parse(text: &str) -> Result<Self, ErrorCode> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == text.trim())
            .ok_or(Self::UNKNOWN)
    }
}

/// Declares a [`Choice`] enum from its variants and their text, written
/// once: serde, the OpenAPI schema and the database column all use it.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident unknown $unknown:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(
            feature = "ssr",
            derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter)
        )]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $text)]
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $text))]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Result<Self, $crate::error::ErrorCode> {
                <$name as $crate::choice::Choice>::parse(text)
            }
        }

        // Written out rather than derived: the derive does not see the
        // serde renames through this macro and would document the Rust
        // variant names instead of the texts on the wire.
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &$name::ALL;
            const UNKNOWN: $crate::error::ErrorCode = $crate::error::ErrorCode::$unknown;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }
    };
}
pub(crate) use choice;

#[cfg(test)]
mod tests {
    use crate::registration::types::{Category, RegistrationStatus};

    use super::*;

    #[test]
    fn a_choice_reads_and_writes_its_text() {
        assert_eq!(
            Category::parse(" head_of_delegation "),
            Ok(Category::HeadOfDelegation)
        );
        assert_eq!(Category::parse("mayor"), Err(ErrorCode::UnknownChoice));
        assert_eq!(
            RegistrationStatus::parse("nope"),
            Err(ErrorCode::UnknownStatus)
        );
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Ok(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
        }
    }
}
