"""The portal behind a real nginx (Debian's package) on loopback, with the configuration `quangba nginx`
generates: security headers on every response, caching by kind of file, each language's 404, Accept-Language
at / only; and in Chromium, every page of the sample site without a CSP violation or a failing request."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from quangba.profile import load_profile
from quangba.site.csp import policy
from quangba.site.nginx import nginx_config
from tests.conftest import REPO, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert Path(NGINX).exists(), "nginx is installed by `make test` (Debian's package)"
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = nginx_config(load_profile(REPO), str(sample_site), f"127.0.0.1:{port}", "localhost")
    (work / "quangba.conf").write_text(server, encoding="utf-8")
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]}; proxy_temp_path {temp["proxy"]}; fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]}; scgi_temp_path {temp["scgi"]};
    include {work}/quangba.conf;
}}
""", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else "nginx stopped"
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(base: str, path: str, **headers: str) -> http.client.HTTPResponse:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response


def some_files(site: Path) -> dict[str, str]:
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    photo = next((site / "media").glob("*.jpg")).name
    return {"home": "/", "english home": "/en/", "category": "/culture/", "entry": "/culture/space-of-gong-culture/",
            "photo": f"/media/{photo}", "bundle": f"/assets/javascripts/{bundle}",
            "own stylesheet": "/assets/stylesheets/quangba.css", "manifest": "/exports/manifest.json",
            "iiif": "/iiif/collection.json", "feed": "/feed.xml", "missing": "/no-such-page/",
            "missing english": "/en/no-such-page/"}


def test_every_response_carries_the_security_headers(nginx: str, sample_site: Path) -> None:
    for name, path in some_files(sample_site).items():
        response = get(nginx, path)
        assert response.status in (200, 404), (name, response.status)
        assert response.getheader("Content-Security-Policy") == policy(header=True), name
        assert response.getheader("X-Content-Type-Options") == "nosniff", name
        assert response.getheader("X-Frame-Options") == "DENY", name
        assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin", name
        assert "camera=()" in (response.getheader("Permissions-Policy") or ""), name
        assert response.getheader("Server") == "nginx", name  # no version number


def test_content_addressed_files_are_cached_for_a_year_and_pages_revalidated(nginx: str, sample_site: Path) -> None:
    files = some_files(sample_site)
    for name in ("photo", "bundle"):
        assert get(nginx, files[name]).getheader("Cache-Control") == "public, max-age=31536000, immutable", name
    for name in ("home", "entry", "own stylesheet", "manifest", "feed"):
        assert get(nginx, files[name]).getheader("Cache-Control") == "no-cache", name
    for name in ("photo", "manifest", "iiif"):  # open data: any site may read it
        assert get(nginx, files[name]).getheader("Access-Control-Allow-Origin") == "*", name
    assert get(nginx, files["manifest"]).getheader("Content-Type") == "application/json"
    assert get(nginx, files["photo"]).getheader("Content-Type") == "image/jpeg"


def test_each_language_gets_its_own_404_page(nginx: str) -> None:
    from bs4 import BeautifulSoup

    for path, language, title in (("/no-such-page/", "vi", "Không tìm thấy trang"),
                                  ("/en/no-such-page/", "en", "Page not found"),
                                  ("/culture/no-such-entry/", "vi", "Không tìm thấy trang")):
        parts = urlsplit(nginx)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        page = BeautifulSoup(response.read().decode(), "html.parser")
        assert response.status == 404
        assert page.html["lang"] == language and page.h1.get_text() == title


def test_accept_language_is_used_at_the_root_only(nginx: str) -> None:
    english = get(nginx, "/", **{"Accept-Language": "en-US,en;q=0.9,vi;q=0.5"})
    assert (english.status, english.getheader("Location")) == (302, "/en/")
    vietnamese = get(nginx, "/", **{"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"})
    assert vietnamese.status == 200 and "Accept-Language" in vietnamese.getheader("Vary", "")
    assert get(nginx, "/").status == 200
    elsewhere = get(nginx, "/culture/", **{"Accept-Language": "en-US,en;q=0.9"})
    assert elsewhere.status == 200  # an address is what it says: no redirect away from it


def test_text_is_compressed_and_search_index_served_as_webassembly(nginx: str, sample_site: Path) -> None:
    """Phones on slow links get gzipped pages and scripts; Pagefind's wasm loads with the right type."""
    page = get(nginx, "/", **{"Accept-Encoding": "gzip"})
    assert page.getheader("Content-Encoding") == "gzip"
    wasm = next((sample_site / "pagefind").glob("wasm.*.pagefind"))
    served = get(nginx, f"/pagefind/{wasm.name}", **{"Accept-Encoding": "gzip"})
    assert served.status == 200 and served.getheader("Content-Type") == "application/wasm"
    photo = next((sample_site / "media").rglob("*.webp"))
    plain = get(nginx, "/" + photo.relative_to(sample_site).as_posix(), **{"Accept-Encoding": "gzip"})
    assert plain.status == 200 and plain.getheader("Content-Encoding") is None  # photos are already compressed


def _pages(site: Path) -> list[str]:
    tree = ET.parse(site / "sitemap.xml")
    locations = [e.text or "" for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    return [urlsplit(url).path for url in locations] + ["/no-such-page/", "/en/no-such-page/"]


def test_no_page_breaks_the_policy_or_makes_a_failing_request(nginx: str, sample_site: Path,
                                                              browser: Browser) -> None:
    pages = _pages(sample_site)
    assert len(pages) > 60
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))")
    problems: list[str] = []
    current = {"path": ""}
    page.on("console", lambda m: problems.append(f"{current['path']} console {m.text}") if m.type == "error"
            and "404" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"{current['path']} error {e}"))
    page.on("requestfailed", lambda r: problems.append(f"{current['path']} failed {r.url}"))
    page.on("request", lambda r: problems.append(f"{current['path']} other host {r.url}")
            if not r.url.startswith(nginx) else None)
    page.on("response", lambda r: problems.append(f"{current['path']} {r.status} {r.url}")
            if r.status >= 400 and "no-such-page" not in r.url else None)
    for path in pages:
        current["path"] = path
        page.goto(nginx.rstrip("/") + path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert violations == [], (path, violations)
        if page.locator("a.qb-lightbox").count():
            page.locator("a.qb-lightbox").first.click()
            page.locator(".pswp img.pswp__img").first.wait_for()
            page.keyboard.press("Escape")
            assert page.evaluate("window.__violations") == [], path
    assert problems == []


def test_the_web_editor_has_its_own_policy_and_types(nginx: str, sample_site: Path) -> None:
    wasm = next((sample_site / "admin/cms/assets").glob("*.wasm")).name
    font = next((sample_site / "admin/cms/assets").glob("*.woff2")).name
    for path, kind in (("/admin/", "text/html"), ("/admin/config.yml", "application/yaml"),
                       ("/admin/cms/cms.js", "application/javascript"),
                       (f"/admin/cms/assets/{wasm}", "application/wasm"),
                       (f"/admin/cms/assets/{font}", "font/woff2")):
        response = get(nginx, path)
        assert response.status == 200, path
        assert (response.getheader("Content-Type") or "").startswith(kind), path
        assert response.getheader("Content-Security-Policy") == policy(header=True, admin=True), path
        assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin-allow-popups", path  # GitHub sign-in
        assert response.getheader("X-Robots-Tag") == "noindex, nofollow", path
        assert response.getheader("X-Frame-Options") == "DENY", path
    assert get(nginx, "/").getheader("Cross-Origin-Opener-Policy") == "same-origin"
