//! Embeds every `locales/<lang>/*.ftl` file of the workspace at compile time.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let locales = manifest.join("../../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
    if let Ok(dirs) = fs::read_dir(&locales) {
        for dir in dirs.flatten() {
            let path = dir.path();
            if !path.is_dir() {
                continue;
            }
            let lang = dir.file_name().to_string_lossy().into_owned();
            println!("cargo:rerun-if-changed={}", path.display());
            if let Ok(files) = fs::read_dir(&path) {
                for f in files.flatten() {
                    let fp = f.path();
                    if fp.extension().and_then(|e| e.to_str()) == Some("ftl") {
                        println!("cargo:rerun-if-changed={}", fp.display());
                        let name = f.file_name().to_string_lossy().into_owned();
                        entries.push((lang.clone(), name, fs::canonicalize(&fp).unwrap()));
                    }
                }
            }
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// Every embedded Fluent file: (language folder, file name, contents).\n\
         pub static EMBEDDED: &[(&str, &str, &str)] = &[\n",
    );
    for (lang, name, path) in &entries {
        out.push_str(&format!(
            "    ({lang:?}, {name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_locales.rs");
    fs::write(dest, out).unwrap();
}
