"""Helpers for the update tests: a minisign key pair generated per run with the Tauri
CLI (`tauri signer generate`, never committed), signing artifacts (`tauri signer sign
--app-version`), and publishing a release in a portal's `--updates-dir`."""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAURI = Path(os.environ.get("OMAHALLINTA_TAURI_CLI", ROOT / "bench" / "node_modules" / ".bin" / "tauri"))


def tauri_cli() -> Path:
    if not TAURI.exists():
        subprocess.run(["npm", "ci", "--prefix", str(ROOT / "bench"), "--no-audit", "--no-fund",
                        "--loglevel=error"], check=True)
    return TAURI


def generate_key(dir: Path) -> tuple[Path, str]:
    """A fresh key pair (no password); returns (private key file, public key)."""
    dir.mkdir(parents=True, exist_ok=True)
    key = dir / "update.key"
    subprocess.run([str(tauri_cli()), "signer", "generate", "--ci", "-p", "", "-w", str(key), "-f"],
                   check=True, capture_output=True)
    return key, (dir / "update.key.pub").read_text().strip()


def sign(key: Path, artifact: Path, version: str) -> None:
    """Writes `<artifact>.sig`, the signature bound to `version`."""
    subprocess.run([str(tauri_cli()), "signer", "sign", "-f", str(key), "-p", "",
                    "--app-version", version, str(artifact)],
                   check=True, capture_output=True, env={**os.environ, "TAURI_SIGNING_PRIVATE_KEY_PASSWORD": ""})


def publish(updates_dir: Path, version: str, platforms: dict[str, str],
            notes: dict[str, str] | None = None) -> None:
    """Writes release.json (artifacts and their .sig files must be there already)."""
    updates_dir.mkdir(parents=True, exist_ok=True)
    (updates_dir / "release.json").write_text(json.dumps({
        "version": version,
        "pub_date": "2026-11-29T10:00:00Z",
        "notes": notes or {"fi": "Uusi versio: korjauksia.", "en": "New version: fixes."},
        "platforms": platforms,
    }))


def profile_text(portal_url: str, manifest_key: str | None, feed_base: str, pubkey: str) -> str:
    keys = f'["{manifest_key}"]' if manifest_key else "[]"
    return (
        f'name = "IPP"\nportal_url = "{portal_url}"\nmanifest_keys = {keys}\nlanguages = ["fi", "en"]\n'
        '[customer_service]\nphone = "03 450 51"\nphone_e164 = "+358345051"\nweb = "https://oma.ipp.fi/"\n'
        '[updates]\n'
        f'feed_url = "{feed_base}/api/v1/updates/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}?bundle={{{{bundle_type}}}}"\n'
        f'pubkey = "{pubkey}"\n'
    )
