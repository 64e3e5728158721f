"""Build the web editor (Sveltia CMS) into cms/dist/, the files the portal serves at /admin/.

    python scripts/build_cms.py            # install from the lockfile, bundle, check against cms/bundle.json
    python scripts/build_cms.py --record   # after changing cms/package.json: write the new checksum

Sveltia's own single-file build loads its code-highlighting engine and fonts from public CDNs at run time, which
the portal's policy forbids; its npm build imports them as modules and files instead. So the package is installed
from cms/package-lock.json (npm checks each tarball's integrity; install scripts are not run), bundled with
esbuild into an ES module and its lazily loaded chunks, and its fonts and WebAssembly are copied beside it (the
code finds them with ``new URL("assets/…", import.meta.url)``). esbuild's output is deterministic, so the bundle's
checksum is recorded in cms/bundle.json and a build that differs is refused: what the site serves is what was
reviewed. Source maps are left out; the site never loads them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from quangba.site.admin import BUNDLE_RECORD, bundle_digest  # noqa: E402

CMS = ROOT / "cms"
DIST = CMS / "dist"
PACKAGE = "@sveltia/cms"
# The editor's stylesheet declares its fonts at jsDelivr, then its code swaps in the copies it ships. The first
# declaration alone would make every visit ask a CDN for fonts (the CSP refuses it), so it is pointed at the same
# shipped copies, relative to /admin/ where the stylesheet is used.
_CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(?::vf)?@[0-9.]+/([a-z0-9-]+)\.woff2")
# Its code also keeps unpkg.com addresses for loaders the npm build replaces with bundled modules (the code
# highlighter's engine and languages, a HEIC decoder, a map marker). They are turned into an address no browser
# fetches, so that no code path of the editor can reach a CDN, even one nobody takes.
_UNPKG = "https://unpkg.com/"
NOT_BUNDLED = "quangba-not-bundled:/"
# After both rewrites, no file of the bundle may name a CDN: the build refuses it.
_CDN = re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|cdnjs\.cloudflare\.com|cdn\.skypack\.dev|"
                  r"fonts\.googleapis\.com|fonts\.gstatic\.com)\b")


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, cwd=CMS, check=True)
    except FileNotFoundError:
        sys.exit(f"build_cms: `{command[0]}` was not found; install Node.js 18 or later (Debian: apt install npm)")
    except subprocess.CalledProcessError as exc:
        sys.exit(f"build_cms: `{' '.join(command)}` failed with exit code {exc.returncode}")


def _installed(lock: Path) -> bool:
    """node_modules was installed from this very lockfile (npm ci empties it first, so a stamp is enough)."""
    stamp = CMS / "node_modules/.quangba-lock"
    return stamp.exists() and stamp.read_text() == hashlib.sha256(lock.read_bytes()).hexdigest()


def build() -> dict[str, object]:
    lock = CMS / "package-lock.json"
    if not _installed(lock):
        _run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
        (CMS / "node_modules/.quangba-lock").write_text(hashlib.sha256(lock.read_bytes()).hexdigest())
    staging = CMS / "dist.new"
    shutil.rmtree(staging, ignore_errors=True)
    _run(["node_modules/.bin/esbuild", "entry.js", "--bundle", "--format=esm", "--splitting", "--minify",
          "--target=es2022", "--legal-comments=none", "--log-level=warning", f"--outdir={staging}",
          "--entry-names=cms", "--chunk-names=chunks/[name]-[hash]"])
    assets = CMS / "node_modules" / PACKAGE / "npm/assets"
    shutil.copytree(assets, staging / "assets", ignore=shutil.ignore_patterns("*.map"))
    _self_hosted(staging)
    shutil.copy(CMS / "node_modules" / PACKAGE / "LICENSE.txt", staging / "LICENSE.txt")
    shutil.rmtree(DIST, ignore_errors=True)
    staging.rename(DIST)
    package = json.loads((CMS / "node_modules" / PACKAGE / "package.json").read_text(encoding="utf-8"))
    locked = json.loads(lock.read_text(encoding="utf-8"))["packages"][f"node_modules/{PACKAGE}"]
    files = [p for p in DIST.rglob("*") if p.is_file()]
    return {"package": PACKAGE, "version": package["version"], "integrity": locked["integrity"],
            "files": len(files), "bytes": sum(p.stat().st_size for p in files), "sha256": bundle_digest(DIST)}


def _self_hosted(bundle: Path) -> None:
    """Point the stylesheet's CDN fonts at the shipped files, make the unused CDN loaders unreachable, and refuse
    a bundle that still names a CDN."""
    def local(match: re.Match[str]) -> str:
        found = sorted((bundle / "assets").glob(f"{match[1]}-{match[2]}-*.woff2"))
        if len(found) != 1:
            sys.exit(f"build_cms: no shipped font for {match[0]}; the package changed, review _CDN_FONT")
        return f"cms/assets/{found[0].name}"

    for script in bundle.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        fixed = _CDN_FONT.sub(local, text).replace(_UNPKG, NOT_BUNDLED)
        remote = _CDN.search(fixed)
        if remote:
            sys.exit(f"build_cms: {script.relative_to(bundle)} still names {remote[0]}; the package changed, review "
                     "_CDN_FONT and _UNPKG")
        if fixed != text:
            script.write_text(fixed, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="store_true", help="write the built bundle's checksum to cms/bundle.json")
    args = parser.parse_args()
    built = build()
    record_path = ROOT / BUNDLE_RECORD
    if args.record:
        record_path.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")
        print(f"build_cms: recorded {built['package']} {built['version']}: {built['files']} files, "
              f"{built['bytes'] / 1e6:.1f} MB, sha256 {built['sha256']}")
        return
    recorded = json.loads(record_path.read_text(encoding="utf-8"))
    if built["sha256"] != recorded["sha256"]:
        shutil.rmtree(DIST)
        sys.exit(f"build_cms: the bundle's checksum {built['sha256']} is not the recorded {recorded['sha256']} "
                 f"({BUNDLE_RECORD}); cms/dist/ was removed. If cms/package.json changed on purpose, run "
                 "`python scripts/build_cms.py --record` and review the difference.")
    print(f"build_cms: {built['package']} {built['version']} in cms/dist/: {built['files']} files, "
          f"{built['bytes'] / 1e6:.1f} MB, checksum as recorded")


if __name__ == "__main__":
    main()
