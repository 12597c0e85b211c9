//! F-Secure installers and the Ed25519-signed manifest that lists them.
//!
//! The portal signs the manifest's exact JSON bytes; the client verifies the
//! signature against a pinned public key, then trusts only the installers in
//! the verified payload (URL, size, SHA-256).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Operating systems an installer exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Os {
    Windows,
    Macos,
    Linux,
    Android,
    Ios,
}

impl Os {
    /// The OS this program runs on, when an installer could exist for it.
    pub fn current() -> Option<Os> {
        match std::env::consts::OS {
            "windows" => Some(Os::Windows),
            "macos" => Some(Os::Macos),
            "linux" => Some(Os::Linux),
            "android" => Some(Os::Android),
            "ios" => Some(Os::Ios),
            _ => None,
        }
    }
}

/// CPU architectures an installer can be built for. Not part of the wire
/// contract: an installer's CPU is read from its file name
/// ([`Arch::of_file_name`]); a file that names none is for every CPU of its
/// OS (a macOS universal package, or the reference portal's demo files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arch {
    X86_64,
    Aarch64,
    X86,
}

impl Arch {
    /// The CPU this program runs on, when it is one installers are built for.
    pub fn current() -> Option<Arch> {
        match std::env::consts::ARCH {
            "x86_64" => Some(Arch::X86_64),
            "aarch64" => Some(Arch::Aarch64),
            "x86" => Some(Arch::X86),
            _ => None,
        }
    }

    /// The CPU a file name says it is for: a `-`, `_` or `.` separated token
    /// such as `x64`, `amd64`, `arm64`, `i686` (case-insensitive); `None`
    /// when it names none.
    pub fn of_file_name(name: &str) -> Option<Arch> {
        // `x86_64` / `x86-64` would split into `x86` + `64`: one token first.
        let lower = name
            .to_ascii_lowercase()
            .replace("x86_64", "x64")
            .replace("x86-64", "x64");
        lower.split(['-', '_', '.']).find_map(|t| match t {
            "x64" | "amd64" => Some(Arch::X86_64),
            "x86" | "i386" | "i686" | "win32" => Some(Arch::X86),
            "arm64" | "aarch64" => Some(Arch::Aarch64),
            _ => None,
        })
    }

    /// The CPUs whose installers run on `os` on this CPU, best first:
    /// native, then what the OS emulates (WoW64 for 32-bit x86 on Windows,
    /// Windows 11's x64 emulation on Arm, Rosetta 2 on Apple silicon).
    pub fn runnable(self, os: Os) -> &'static [Arch] {
        match (self, os) {
            (Arch::X86_64, Os::Windows) => &[Arch::X86_64, Arch::X86],
            (Arch::Aarch64, Os::Windows) => &[Arch::Aarch64, Arch::X86_64, Arch::X86],
            (Arch::Aarch64, Os::Macos) => &[Arch::Aarch64, Arch::X86_64],
            (Arch::X86_64, _) => &[Arch::X86_64],
            (Arch::Aarch64, _) => &[Arch::Aarch64],
            (Arch::X86, _) => &[Arch::X86],
        }
    }
}

/// The installer to download on `os` with an `arch` CPU: one built for this
/// CPU first, then one for every CPU (no CPU in its file name), then one the
/// OS runs through emulation; never one for another OS or a CPU that cannot
/// run it. With an unknown CPU only an installer for every CPU will do.
pub fn pick_installer(installers: &[Installer], os: Os, arch: Option<Arch>) -> Option<&Installer> {
    installers
        .iter()
        .filter(|i| i.os == os)
        .filter_map(|i| {
            let rank = match (Arch::of_file_name(&i.file_name), arch) {
                (None, _) => Some(1),
                (Some(want), Some(cpu)) => cpu
                    .runnable(os)
                    .iter()
                    .position(|&a| a == want)
                    .map(|p| if p == 0 { 0 } else { p + 1 }),
                (Some(_), None) => None,
            };
            rank.map(|r| (r, i))
        })
        .min_by_key(|(r, _)| *r)
        .map(|(_, i)| i)
}

/// One downloadable installer ("latauslinkki").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Installer {
    pub os: Os,
    pub version: String,
    pub file_name: String,
    /// Absolute path on the portal, e.g. `/api/v1/installers/fsecure-safe-linux.bin`.
    pub url: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Lower-case hex SHA-256 of the whole file.
    pub sha256: String,
}

/// The signed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct InstallerManifest {
    pub product: String,
    pub issued_at: DateTime<Utc>,
    pub installers: Vec<Installer>,
}

/// A manifest with its detached Ed25519 signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SignedManifest {
    /// Which portal key signed it (see `GET /api/v1/signing-key`).
    pub key_id: String,
    /// Standard base64 of the manifest's JSON bytes — exactly what was signed.
    pub payload: String,
    /// Standard base64 of the 64-byte Ed25519 signature over the decoded payload.
    pub signature: String,
}

/// `GET /api/v1/signing-key` (public): the key a client pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SigningKey {
    pub key_id: String,
    /// Always `ed25519`.
    pub algorithm: String,
    /// Standard base64 of the 32-byte public key.
    pub public_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(os: Os, file_name: &str) -> Installer {
        Installer {
            os,
            version: "1".into(),
            file_name: file_name.into(),
            url: format!("/api/v1/installers/{file_name}"),
            size: 1,
            sha256: String::new(),
        }
    }

    /// What a portal with per-CPU builds might list, plus the demo portal's
    /// CPU-neutral files.
    fn listing() -> Vec<Installer> {
        vec![
            inst(Os::Windows, "safe-windows-x64.exe"),
            inst(Os::Windows, "safe-windows-arm64.msi"),
            inst(Os::Macos, "safe-macos-x86_64.pkg"),
            inst(Os::Macos, "safe-macos-arm64.dmg"),
            inst(Os::Linux, "safe-linux-amd64.bin"),
            inst(Os::Linux, "safe-linux-aarch64.bin"),
        ]
    }

    fn demo() -> Vec<Installer> {
        vec![
            inst(Os::Windows, "fsecure-safe-windows.exe"),
            inst(Os::Macos, "fsecure-safe-macos.pkg"),
            inst(Os::Linux, "fsecure-safe-linux.bin"),
        ]
    }

    fn pick(list: &[Installer], os: Os, arch: Option<Arch>) -> Option<&str> {
        pick_installer(list, os, arch).map(|i| i.file_name.as_str())
    }

    #[test]
    fn cpu_from_file_names() {
        use Arch::*;
        for (name, want) in [
            ("a-x64.exe", Some(X86_64)),
            ("a_X86_64.pkg", Some(X86_64)),
            ("a-amd64.deb", Some(X86_64)),
            ("a-arm64.msi", Some(Aarch64)),
            ("a.aarch64.rpm", Some(Aarch64)),
            ("a-x86.exe", Some(X86)),
            ("a-i686.exe", Some(X86)),
            ("fsecure-safe-windows.exe", None),
            ("max64.exe", None),
        ] {
            assert_eq!(Arch::of_file_name(name), want, "{name}");
        }
    }

    #[test]
    fn native_build_first_then_universal_then_emulated() {
        let l = listing();
        use Arch::*;
        assert_eq!(
            pick(&l, Os::Windows, Some(X86_64)),
            Some("safe-windows-x64.exe")
        );
        assert_eq!(
            pick(&l, Os::Windows, Some(Aarch64)),
            Some("safe-windows-arm64.msi")
        );
        assert_eq!(
            pick(&l, Os::Macos, Some(Aarch64)),
            Some("safe-macos-arm64.dmg")
        );
        assert_eq!(
            pick(&l, Os::Macos, Some(X86_64)),
            Some("safe-macos-x86_64.pkg")
        );
        assert_eq!(
            pick(&l, Os::Linux, Some(Aarch64)),
            Some("safe-linux-aarch64.bin")
        );
        // No native build: emulation where the OS has it, nothing where not.
        let only_x64 = vec![
            inst(Os::Macos, "safe-macos-x64.pkg"),
            inst(Os::Windows, "safe-windows-x64.exe"),
            inst(Os::Linux, "safe-linux-x64.bin"),
        ];
        assert_eq!(
            pick(&only_x64, Os::Macos, Some(Aarch64)),
            Some("safe-macos-x64.pkg")
        );
        assert_eq!(
            pick(&only_x64, Os::Windows, Some(Aarch64)),
            Some("safe-windows-x64.exe")
        );
        assert_eq!(pick(&only_x64, Os::Linux, Some(Aarch64)), None);
        assert_eq!(pick(&only_x64, Os::Windows, Some(X86)), None);
        // A universal file beats an emulated one, loses to a native one.
        let mixed = vec![
            inst(Os::Macos, "safe-macos-x64.pkg"),
            inst(Os::Macos, "safe-macos.pkg"),
        ];
        assert_eq!(
            pick(&mixed, Os::Macos, Some(Aarch64)),
            Some("safe-macos.pkg")
        );
        assert_eq!(
            pick(&mixed, Os::Macos, Some(X86_64)),
            Some("safe-macos-x64.pkg")
        );
        // Unknown CPU: only a file for every CPU.
        assert_eq!(pick(&mixed, Os::Macos, None), Some("safe-macos.pkg"));
        assert_eq!(pick(&l, Os::Macos, None), None);
        // Never another OS's file.
        assert_eq!(pick(&l, Os::Android, Some(Aarch64)), None);
    }

    #[test]
    fn the_demo_portals_files_fit_every_cpu() {
        for arch in [Some(Arch::X86_64), Some(Arch::Aarch64), None] {
            assert_eq!(
                pick(&demo(), Os::Windows, arch),
                Some("fsecure-safe-windows.exe")
            );
            assert_eq!(
                pick(&demo(), Os::Macos, arch),
                Some("fsecure-safe-macos.pkg")
            );
            assert_eq!(
                pick(&demo(), Os::Linux, arch),
                Some("fsecure-safe-linux.bin")
            );
        }
    }

    /// On the platform the tests run on: this OS and CPU get their own file.
    #[cfg(all(windows, target_arch = "x86_64"))]
    #[test]
    fn this_windows_x64_gets_the_x64_exe() {
        assert_eq!(Os::current(), Some(Os::Windows));
        assert_eq!(Arch::current(), Some(Arch::X86_64));
        let l = listing();
        assert_eq!(
            pick(&l, Os::current().unwrap(), Arch::current()),
            Some("safe-windows-x64.exe")
        );
        assert_eq!(
            pick(&demo(), Os::current().unwrap(), Arch::current()),
            Some("fsecure-safe-windows.exe")
        );
    }

    #[cfg(all(target_os = "macos", target_arch = "aarch64"))]
    #[test]
    fn this_apple_silicon_mac_gets_the_arm64_package() {
        assert_eq!(Os::current(), Some(Os::Macos));
        let l = listing();
        assert_eq!(
            pick(&l, Os::current().unwrap(), Arch::current()),
            Some("safe-macos-arm64.dmg")
        );
        assert_eq!(
            pick(&demo(), Os::current().unwrap(), Arch::current()),
            Some("fsecure-safe-macos.pkg")
        );
    }

    #[cfg(all(target_os = "macos", target_arch = "x86_64"))]
    #[test]
    fn this_intel_mac_gets_the_x86_64_package() {
        assert_eq!(Os::current(), Some(Os::Macos));
        let l = listing();
        assert_eq!(
            pick(&l, Os::current().unwrap(), Arch::current()),
            Some("safe-macos-x86_64.pkg")
        );
    }

    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn this_linux_x86_64_gets_the_amd64_file() {
        assert_eq!(Os::current(), Some(Os::Linux));
        let l = listing();
        assert_eq!(
            pick(&l, Os::current().unwrap(), Arch::current()),
            Some("safe-linux-amd64.bin")
        );
        assert_eq!(
            pick(&demo(), Os::current().unwrap(), Arch::current()),
            Some("fsecure-safe-linux.bin")
        );
    }
}
