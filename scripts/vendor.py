"""Vendor a front-end package from the npm registry into overrides/assets/vendor/<name>/, pinned and checksummed.

    python scripts/vendor.py photoswipe 5.4.4 dist/photoswipe.esm.min.js dist/photoswipe-lightbox.esm.min.js \
        dist/photoswipe.css LICENSE

The package's tarball is fetched with ``npm pack`` (the only step that needs the registry), its integrity is
checked against the registry's ``dist.integrity``, the named files are copied (source maps left out: the
site never loads them), and overrides/assets/vendor/vendored.json records the version, the integrity and each
file's SHA-256, which the tests check. The site serves the copies itself: nothing is fetched at run time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "overrides/assets/vendor"
RECORD = VENDOR / "vendored.json"
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S+\s*$")


def main(name: str, version: str, files: list[str]) -> None:
    with tempfile.TemporaryDirectory() as work:
        spec = f"{name}@{version}"
        out = subprocess.run(["npm", "pack", spec, "--json"], cwd=work, capture_output=True, text=True, check=True)
        packed = json.loads(out.stdout)[0]
        integrity = packed["integrity"]
        tarball = Path(work) / packed["filename"]
        algorithm, expected = integrity.split("-", 1)
        digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
        if digest != expected:
            sys.exit(f"{spec}: the tarball does not match its integrity {integrity}")
        target = VENDOR / name
        target.mkdir(parents=True, exist_ok=True)
        checksums = {}
        with tarfile.open(tarball) as archive:
            for file in files:
                member = archive.extractfile(f"package/{file}")
                if member is None:
                    sys.exit(f"{spec} has no {file}")
                data = _SOURCE_MAP.sub(b"\n", member.read())
                (target / Path(file).name).write_bytes(data)
                checksums[Path(file).name] = hashlib.sha256(data).hexdigest()
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    record[name] = {"version": version, "integrity": integrity, "sha256": checksums}
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"vendored {spec} into {target.relative_to(ROOT)}: {', '.join(checksums)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
