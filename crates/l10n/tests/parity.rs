//! Parity of every Fluent file under `locales/`: each file, message id,
//! attribute and variable exists in every language; every error code has its
//! `error-<code>` message; every file parses cleanly. Reads the files from
//! disk (not the embedded copies) so new files are checked as they appear.

use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

/// Every language the product speaks ([`l10n::Lang::ALL`]): a new one is
/// checked as soon as it is added there.
fn langs() -> Vec<&'static str> {
    l10n::Lang::ALL.iter().map(|l| l.as_str()).collect()
}

/// message id (terms as `-id`) → (attributes, variables used anywhere in it)
type Shape = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn locales_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

fn files_of(lang: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let dir = locales_dir().join(lang);
    if let Ok(rd) = fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some("ftl") {
                out.insert(
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn vars_in_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            vars_in_expr(expression, out);
        }
    }
}

fn vars_in_expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            vars_in_inline(selector, out);
            for v in variants {
                vars_in_pattern(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => vars_in_inline(i, out),
    }
}

fn vars_in_inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => vars_in_args(arguments, out),
        ast::InlineExpression::TermReference {
            arguments: Some(a), ..
        } => vars_in_args(a, out),
        ast::InlineExpression::Placeable { expression } => vars_in_expr(expression, out),
        _ => {}
    }
}

fn vars_in_args(a: &ast::CallArguments<&str>, out: &mut BTreeSet<String>) {
    for p in &a.positional {
        vars_in_inline(p, out);
    }
    for n in &a.named {
        vars_in_inline(&n.value, out);
    }
}

/// Parses one file; returns its shape and a list of problems (syntax
/// errors, duplicate ids).
fn shape_of(source: &str) -> (Shape, Vec<String>) {
    let mut problems = Vec::new();
    let res = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, errs)) => {
            for e in errs {
                problems.push(format!("syntax error: {e:?}"));
            }
            r
        }
    };
    let mut shape = Shape::new();
    for entry in &res.body {
        let (id, value, attrs) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            ast::Entry::Junk { content } => {
                problems.push(format!("junk: {content:?}"));
                continue;
            }
            _ => continue,
        };
        let mut vars = BTreeSet::new();
        if let Some(v) = value {
            vars_in_pattern(v, &mut vars);
        }
        let mut attr_names = BTreeSet::new();
        for a in attrs {
            attr_names.insert(a.id.name.to_string());
            vars_in_pattern(&a.value, &mut vars);
        }
        if shape.insert(id.clone(), (attr_names, vars)).is_some() {
            problems.push(format!("duplicate id {id}"));
        }
    }
    (shape, problems)
}

#[test]
fn every_locale_has_the_same_files_ids_attributes_and_variables() {
    let mut problems = Vec::new();
    let langs = langs();
    assert!(langs.len() >= 3, "fi, en and sv at least");
    let per_lang: BTreeMap<&str, BTreeMap<String, String>> =
        langs.iter().map(|l| (*l, files_of(l))).collect();
    let all_files: BTreeSet<&String> = per_lang.values().flat_map(|m| m.keys()).collect();
    assert!(
        !all_files.is_empty(),
        "no .ftl files under {:?}",
        locales_dir()
    );
    for file in all_files {
        let mut shapes = Vec::new();
        for lang in &langs {
            match per_lang[lang].get(file) {
                None => problems.push(format!("{lang}/{file}: missing file")),
                Some(src) => {
                    let (shape, probs) = shape_of(src);
                    problems.extend(probs.into_iter().map(|p| format!("{lang}/{file}: {p}")));
                    shapes.push((*lang, shape));
                }
            }
        }
        for (la, sa) in &shapes {
            for (lb, sb) in &shapes {
                if la == lb {
                    continue;
                }
                for (id, (attrs, vars)) in sa {
                    match sb.get(id) {
                        None => {
                            problems.push(format!("{lb}/{file}: missing `{id}` (present in {la})"))
                        }
                        Some((attrs_b, vars_b)) => {
                            for a in attrs.difference(attrs_b) {
                                problems.push(format!("{lb}/{file}: `{id}` lacks attribute .{a}"));
                            }
                            for v in vars.difference(vars_b) {
                                problems.push(format!("{lb}/{file}: `{id}` does not use ${v}"));
                            }
                        }
                    }
                }
            }
        }
    }
    // The same id must not be defined in two files of one language.
    for lang in &langs {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (file, src) in &per_lang[lang] {
            for id in shape_of(src).0.keys() {
                if let Some(other) = seen.insert(id.clone(), file.clone()) {
                    problems.push(format!("{lang}: `{id}` defined in both {other} and {file}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "Fluent parity problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_error_code_has_a_message_in_every_locale() {
    let mut missing = Vec::new();
    for lang in langs() {
        let mut ids = BTreeSet::new();
        for src in files_of(lang).values() {
            ids.extend(shape_of(src).0.into_keys());
        }
        for code in portal_api::ErrorCode::ALL {
            let id = format!("error-{}", code.as_str());
            if !ids.contains(&id) {
                missing.push(format!("{lang}: {id}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing error messages:\n{}",
        missing.join("\n")
    );
}

#[test]
fn embedded_messages_format_in_every_language() {
    // Every message of every embedded file formats to non-empty text.
    for lang in l10n::Lang::ALL {
        let loc = l10n::Localizer::new(*lang);
        for (folder, _file, src) in l10n::embedded_files() {
            if *folder != lang.as_str() {
                continue;
            }
            let (shape, _) = shape_of(src);
            for id in shape.keys().filter(|id| !id.starts_with('-')) {
                if loc.has(id) {
                    assert!(!loc.format(id, None).is_empty(), "{lang}: {id}");
                }
            }
        }
    }
}

#[test]
fn fluent_functions_format_dates_and_money() {
    let fi = l10n::Localizer::new(l10n::Lang::Fi);
    let en = l10n::Localizer::new(l10n::Lang::En);
    let sv = l10n::Localizer::new(l10n::Lang::Sv);
    let mut args = l10n::FluentArgs::new();
    args.set("date", "2026-11-24");
    args.set("cents", 990);
    assert_eq!(
        fi.format("cli-service-ends", Some(&args)),
        "Päättyy 24.11.2026"
    );
    assert_eq!(
        en.format("cli-service-ends", Some(&args)),
        "Ends Nov 24, 2026"
    );
    assert_eq!(
        fi.format("cli-monthly-price", Some(&args)),
        "9,90\u{a0}€/kk"
    );
    assert_eq!(en.format("cli-monthly-price", Some(&args)), "€9.90/month");
    assert_eq!(
        sv.format("cli-service-ends", Some(&args)),
        "Upphör 24 nov. 2026"
    );
    assert_eq!(
        sv.format("cli-monthly-price", Some(&args)),
        "9,90\u{a0}€/mån."
    );
}

#[test]
fn swedish_plurals_follow_cldr() {
    // Swedish has one/other like English; `one` is exactly 1.
    let sv = l10n::Localizer::new(l10n::Lang::Sv);
    let ending = |days: i64| {
        let mut a = l10n::FluentArgs::new();
        a.set("service", "Turvapaketti");
        a.set("date", "24.11.2026");
        a.set("days", days);
        sv.format("shell-ending-soon-body", Some(&a))
    };
    assert_eq!(ending(0), "Turvapaketti upphör i dag (24.11.2026).");
    assert_eq!(ending(1), "Turvapaketti upphör i morgon (24.11.2026).");
    assert_eq!(ending(7), "Turvapaketti upphör om 7 dagar (24.11.2026).");
}
