//! "This computer is already protected": is an F-Secure client installed, or
//! another antivirus product that conflicts with it? One [`Detector`] per OS
//! (Windows: the uninstall registry keys and Windows Security Center's
//! antivirus list; macOS: the application bundle; Linux: the installed
//! package), a fake for tests (`OMAHALLINTA_FAKE_PROTECTION`), and parsers
//! of each source's text that are unit-tested on recorded inputs.
//!
//! Also "this computer" in the device registry: the demo installer writes
//! the device id it registered to `<config>/fsecure-safe-demo/device`
//! (`portal=URL`, `device_id=N`); a real client would be asked instead.

use crate::types::ProtectionStatus;
use std::path::{Path, PathBuf};

/// What the detection found out.
pub trait Detector: Send + Sync {
    fn detect(&self) -> ProtectionStatus;
}

/// Always answers the same (tests; `OMAHALLINTA_FAKE_PROTECTION`).
pub struct FakeDetector(pub ProtectionStatus);

impl Detector for FakeDetector {
    fn detect(&self) -> ProtectionStatus {
        self.0.clone()
    }
}

/// `installed`, `conflict:NAME` or `none` (the launch option's value).
pub fn parse_fake(value: &str) -> Option<ProtectionStatus> {
    let v = value.trim();
    match v {
        "none" => Some(ProtectionStatus::NotDetected),
        "installed" => Some(ProtectionStatus::Installed {
            product: "F-Secure SAFE".into(),
        }),
        _ => v
            .strip_prefix("conflict:")
            .map(str::trim)
            .filter(|n| !n.is_empty() && n.len() <= 100)
            .map(|n| ProtectionStatus::Conflict { product: n.into() }),
    }
}

fn is_fsecure(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("f-secure") || n.contains("fsecure") || n.starts_with("withsecure")
}

/// Built-in protection that steps aside by itself: never a conflict.
fn is_builtin(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("windows defender") || n.contains("microsoft defender")
}

/// One answer from what was found: F-Secure wins, then a conflicting product.
pub fn decide(installed: Option<String>, antivirus: &[String]) -> ProtectionStatus {
    if let Some(product) = installed.or_else(|| antivirus.iter().find(|a| is_fsecure(a)).cloned()) {
        return ProtectionStatus::Installed { product };
    }
    match antivirus.iter().find(|a| !is_builtin(a)) {
        Some(product) => ProtectionStatus::Conflict {
            product: product.clone(),
        },
        None => ProtectionStatus::NotDetected,
    }
}

/// Linux: an installed F-Secure package in dpkg's status file
/// (`/var/lib/dpkg/status`): its `Package` name.
pub fn installed_from_dpkg_status(text: &str) -> Option<String> {
    text.split("\n\n").find_map(|para| {
        let field = |name: &str| {
            para.lines()
                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
        };
        let package = field("Package:")?;
        let installed = field("Status:").is_some_and(|s| s.ends_with(" installed"));
        (installed && is_fsecure(&package)).then_some(package)
    })
}

/// Windows: an F-Secure product among the uninstall keys, from `reg export`
/// text of `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall` (and
/// its WOW6432Node twin): its `DisplayName`.
pub fn installed_from_registry_export(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.trim().strip_prefix("\"DisplayName\"=\"")?;
        let name = v.strip_suffix('"')?.replace("\\\\", "\\");
        is_fsecure(&name).then_some(name)
    })
}

/// Windows Security Center: the antivirus products it knows, from
/// `Get-CimInstance -Namespace root/SecurityCenter2 -ClassName
/// AntiVirusProduct | Format-List displayName` text.
pub fn antivirus_from_security_center(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim().eq_ignore_ascii_case("displayName") && !v.trim().is_empty())
                .then(|| v.trim().to_string())
        })
        .collect()
}

/// macOS: an F-Secure application bundle under `applications`
/// (`/Applications`), directly or in an `F-Secure` folder: its name.
pub fn installed_from_applications(applications: &Path) -> Option<String> {
    let bundles = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut names = bundles(applications);
    names.sort();
    for name in &names {
        if let Some(app) = name.strip_suffix(".app").filter(|n| is_fsecure(n)) {
            return Some(app.to_string());
        }
        if is_fsecure(name) && applications.join(name).is_dir() {
            let mut inner = bundles(&applications.join(name));
            inner.sort();
            if let Some(app) = inner.iter().find_map(|n| n.strip_suffix(".app")) {
                return Some(app.to_string());
            }
        }
    }
    None
}

/// The detector of the OS the app runs on.
pub struct OsDetector;

impl Detector for OsDetector {
    #[cfg(target_os = "linux")]
    fn detect(&self) -> ProtectionStatus {
        let status = std::fs::read_to_string("/var/lib/dpkg/status").unwrap_or_default();
        decide(installed_from_dpkg_status(&status), &[])
    }

    #[cfg(target_os = "macos")]
    fn detect(&self) -> ProtectionStatus {
        decide(installed_from_applications(Path::new("/Applications")), &[])
    }

    #[cfg(target_os = "windows")]
    fn detect(&self) -> ProtectionStatus {
        use std::process::Command;
        fn output(cmd: &mut Command) -> String {
            use std::os::windows::process::CommandExt;
            const CREATE_NO_WINDOW: u32 = 0x0800_0000;
            cmd.creation_flags(CREATE_NO_WINDOW)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default()
        }
        let mut installed = None;
        for key in [
            r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
            r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
        ] {
            let text = output(Command::new("reg").args(["query", key, "/s", "/v", "DisplayName"]));
            // `reg query` prints `DisplayName    REG_SZ    NAME`: make it
            // look like an export line for the one parser.
            let as_export: String = text
                .lines()
                .filter_map(|l| l.trim().strip_prefix("DisplayName"))
                .filter_map(|l| l.trim().strip_prefix("REG_SZ"))
                .map(|v| format!("\"DisplayName\"=\"{}\"\n", v.trim()))
                .collect();
            installed = installed.or_else(|| installed_from_registry_export(&as_export));
        }
        let av = output(Command::new("powershell").args([
            "-NoProfile",
            "-Command",
            "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Format-List displayName",
        ]));
        decide(installed, &antivirus_from_security_center(&av))
    }

    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    fn detect(&self) -> ProtectionStatus {
        ProtectionStatus::NotDetected
    }
}

/// Where the demo installer notes the device it registered.
pub fn device_marker_path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("fsecure-safe-demo").join("device"))
}

/// The device id registered on this computer with the portal at
/// `portal_url`, from the marker's text.
pub fn this_device_from_marker(text: &str, portal_url: &str) -> Option<i64> {
    let value = |k: &str| text.lines().find_map(|l| l.strip_prefix(k).map(str::trim));
    let same = value("portal=")?.trim_end_matches('/') == portal_url.trim_end_matches('/');
    same.then(|| value("device_id=")?.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DPKG: &str = "Package: bash\nStatus: install ok installed\nVersion: 5.2\n\n\
Package: f-secure-linuxsecurity\nStatus: install ok installed\nVersion: 12.0.1\n\n\
Package: zsh\nStatus: deinstall ok config-files\n";

    #[test]
    fn dpkg_status_finds_only_an_installed_fsecure_package() {
        assert_eq!(
            installed_from_dpkg_status(DPKG).as_deref(),
            Some("f-secure-linuxsecurity")
        );
        let removed = DPKG.replace(
            "f-secure-linuxsecurity\nStatus: install ok installed",
            "f-secure-linuxsecurity\nStatus: deinstall ok config-files",
        );
        assert_eq!(installed_from_dpkg_status(&removed), None);
        assert_eq!(installed_from_dpkg_status(""), None);
    }

    const REG: &str = "Windows Registry Editor Version 5.00\r\n\r\n\
[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{1}]\r\n\
\"DisplayName\"=\"7-Zip 23.01 (x64)\"\r\n\"Publisher\"=\"Igor Pavlov\"\r\n\r\n\
[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\F-Secure SAFE]\r\n\
\"DisplayName\"=\"F-Secure SAFE\"\r\n\"DisplayVersion\"=\"19.4\"\r\n";

    #[test]
    fn registry_export_finds_the_fsecure_uninstall_key() {
        assert_eq!(
            installed_from_registry_export(REG).as_deref(),
            Some("F-Secure SAFE")
        );
        assert_eq!(
            installed_from_registry_export(&REG.replace("F-Secure SAFE", "Foo")),
            None
        );
    }

    const WSC: &str = "\r\ndisplayName : Windows Defender\r\n\r\ndisplayName : Norton 360\r\n\r\n";

    #[test]
    fn security_center_names_a_conflicting_product_but_not_defender() {
        let av = antivirus_from_security_center(WSC);
        assert_eq!(av, ["Windows Defender", "Norton 360"]);
        assert_eq!(
            decide(None, &av),
            ProtectionStatus::Conflict {
                product: "Norton 360".into()
            }
        );
        assert_eq!(decide(None, &av[..1]), ProtectionStatus::NotDetected);
        // F-Secure registered with Security Center: installed, not a conflict.
        let with_fs = antivirus_from_security_center("displayName : F-Secure SAFE\n");
        assert!(matches!(
            decide(None, &with_fs),
            ProtectionStatus::Installed { .. }
        ));
        // Installed wins over a conflict.
        assert!(matches!(
            decide(Some("F-Secure SAFE".into()), &av),
            ProtectionStatus::Installed { .. }
        ));
    }

    #[test]
    fn applications_folder_finds_the_bundle() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("Safari.app")).unwrap();
        assert_eq!(installed_from_applications(dir.path()), None);
        std::fs::create_dir_all(dir.path().join("F-Secure/F-Secure SAFE.app")).unwrap();
        assert_eq!(
            installed_from_applications(dir.path()).as_deref(),
            Some("F-Secure SAFE")
        );
        let flat = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(flat.path().join("F-Secure Anti-Virus.app")).unwrap();
        assert_eq!(
            installed_from_applications(flat.path()).as_deref(),
            Some("F-Secure Anti-Virus")
        );
    }

    #[test]
    fn fake_values() {
        assert!(matches!(
            parse_fake("installed"),
            Some(ProtectionStatus::Installed { .. })
        ));
        assert_eq!(
            parse_fake("conflict:Norton 360"),
            Some(ProtectionStatus::Conflict {
                product: "Norton 360".into()
            })
        );
        assert_eq!(parse_fake("none"), Some(ProtectionStatus::NotDetected));
        assert_eq!(parse_fake("conflict:"), None);
        assert_eq!(parse_fake("maybe"), None);
    }

    #[test]
    fn the_marker_counts_only_for_the_same_portal() {
        let text = "portal=http://127.0.0.1:8787\ndevice_id=42\n";
        assert_eq!(
            this_device_from_marker(text, "http://127.0.0.1:8787/"),
            Some(42)
        );
        assert_eq!(this_device_from_marker(text, "http://127.0.0.1:9999"), None);
        assert_eq!(this_device_from_marker("portal=x\n", "x"), None);
    }
}
