"""`./dev.sh serve`'s nginx configuration: generated into the run folder, accepted by nginx itself."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess

import pytest

from app import serve


def test_config_has_every_replica_affinity_and_websocket_upgrade(tmp_path):
    text = serve.nginx_config(tmp_path, [41001, 41002], "127.0.0.1:41000", tmp_path / "static")
    assert "server 127.0.0.1:41001" in text and "server 127.0.0.1:41002" in text
    assert "listen 127.0.0.1:41000;" in text
    assert "hash $ta_replica consistent;" in text and "ta_replica=$ta_replica" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "@" not in text, "a placeholder was left unfilled"
    assert str(tmp_path) in text  # pid, logs and temporary files stay in the run folder
    assert f"alias {tmp_path / 'static'}/;" in text and "gzip_static on;" in text
    assert "application/javascript js" in text  # browsers refuse module scripts sent as text/plain


def test_static_files_link_every_file_and_compress_the_text_ones(tmp_path):
    source = tmp_path / "installed"
    (source / "js").mkdir(parents=True)
    (source / "media").mkdir()
    script = "export const answer = 42;\n" * 200
    (source / "js" / "index.Ab12Cd34.js").write_text(script)
    (source / "media" / "font.woff2").write_bytes(b"\x00font")
    static = serve.static_files(tmp_path / "run", source)
    assert static == tmp_path / "run" / "static"
    assert (static / "js" / "index.Ab12Cd34.js").resolve() == (source / "js" / "index.Ab12Cd34.js").resolve()
    assert gzip.decompress((static / "js" / "index.Ab12Cd34.js.gz").read_bytes()).decode() == script
    assert (static / "media" / "font.woff2").read_bytes() == b"\x00font"
    assert not (static / "media" / "font.woff2.gz").exists()  # already compressed
    # A second start reuses the run folder: an updated file gets a fresh compressed copy.
    (source / "js" / "index.Ab12Cd34.js").write_text("export const answer = 43;\n")
    packed = static / "js" / "index.Ab12Cd34.js.gz"
    os.utime(packed, (0, 0))
    serve.static_files(tmp_path / "run", source)
    assert gzip.decompress(packed.read_bytes()).decode() == "export const answer = 43;\n"


@pytest.mark.skipif(shutil.which("nginx") is None and not serve.Path("/usr/sbin/nginx").exists(),
                    reason="nginx is installed by ./dev.sh setup")
def test_nginx_accepts_the_generated_config(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(serve.nginx_config(tmp_path, [41001, 41002], "127.0.0.1:41000", tmp_path / "static"))
    (tmp_path / "tmp").mkdir()
    checked = subprocess.run([serve.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_dev_sh_serve_runs_the_serve_module():
    script = (serve.ROOT / "dev.sh").read_text()
    assert "serve)" in script and "-m app.serve" in script
    assert "nginx" in script.split("debian_packages()")[1].split("}")[0]
