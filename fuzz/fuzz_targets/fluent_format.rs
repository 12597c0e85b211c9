//! Fluent formatting with arbitrary message ids and arguments, in both
//! languages, and the ICU4X date and money formatters behind DATE() and
//! MONEY(): never a panic, always some text.
#![no_main]

use arbitrary::Arbitrary;
use l10n::{FluentArgs, Lang, Localizer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Known {
    fi: Localizer,
    en: Localizer,
    ids: Vec<String>,
    vars: Vec<String>,
}

fn known() -> &'static Known {
    static K: OnceLock<Known> = OnceLock::new();
    K.get_or_init(|| {
        use fluent_syntax::ast;
        let mut ids = Vec::new();
        let mut vars = vec![
            "cents".to_owned(),
            "iso_date".to_owned(),
            "count".to_owned(),
        ];
        for (_lang, _file, text) in l10n::embedded_files() {
            let res = fluent_syntax::parser::parse(*text).unwrap_or_else(|(r, _)| r);
            for entry in res.body {
                if let ast::Entry::Message(m) = entry {
                    ids.push(m.id.name.to_owned());
                    for a in &m.attributes {
                        ids.push(format!("{}.{}", m.id.name, a.id.name));
                    }
                }
            }
            // Variable names: `$name` in the source.
            for part in text.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !name.is_empty() {
                    vars.push(name);
                }
            }
        }
        ids.sort();
        ids.dedup();
        vars.sort();
        vars.dedup();
        Known {
            fi: Localizer::new(Lang::Fi),
            en: Localizer::new(Lang::En),
            ids,
            vars,
        }
    })
}

#[derive(Debug, Arbitrary)]
enum Id {
    Known(u16),
    Raw(String),
    Error(String),
}

#[derive(Debug, Arbitrary)]
enum Name {
    Known(u16),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    /// An ISO date string, as DATE() expects, from arbitrary numbers.
    Date(i32, u8, u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    english: bool,
    id: Id,
    args: Vec<(Name, Value)>,
    no_args: bool,
    date_days: i32,
    cents: i64,
    tag: String,
}

fuzz_target!(|input: Input| {
    let k = known();
    let loc = if input.english { &k.en } else { &k.fi };
    let mut args = FluentArgs::new();
    for (name, value) in &input.args {
        let name = match name {
            Name::Known(i) => k.vars[*i as usize % k.vars.len()].clone(),
            Name::Raw(s) => s.clone(),
        };
        match value {
            Value::Str(s) => args.set(name, s.clone()),
            Value::Int(i) => args.set(name, *i),
            Value::Float(f) => args.set(name, *f),
            Value::Date(y, m, d) => args.set(name, format!("{y:04}-{m:02}-{d:02}")),
        }
    }
    let out = match &input.id {
        Id::Known(i) => {
            let id = &k.ids[*i as usize % k.ids.len()];
            assert!(loc.has(id) || id.contains('.') || !loc.has(id));
            loc.format(id, if input.no_args { None } else { Some(&args) })
        }
        Id::Raw(id) => loc.format(id, if input.no_args { None } else { Some(&args) }),
        Id::Error(code) => loc.error(code),
    };
    let _ = out.len();
    if let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(input.date_days) {
        assert!(!loc.date(date).is_empty());
    }
    assert!(!loc.money(input.cents).is_empty());
    let _ = l10n::negotiate(&input.tag);
    let _ = input.tag.parse::<Lang>();
});
