"""`./dev.sh serve`'s nginx configuration: generated into the run folder, accepted by nginx itself."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app import serve


def test_config_has_every_replica_affinity_and_websocket_upgrade(tmp_path):
    text = serve.nginx_config(tmp_path, [41001, 41002], "127.0.0.1:41000")
    assert "server 127.0.0.1:41001" in text and "server 127.0.0.1:41002" in text
    assert "listen 127.0.0.1:41000;" in text
    assert "hash $ta_replica consistent;" in text and "ta_replica=$ta_replica" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "@" not in text, "a placeholder was left unfilled"
    assert str(tmp_path) in text  # pid, logs and temporary files stay in the run folder


@pytest.mark.skipif(shutil.which("nginx") is None and not serve.Path("/usr/sbin/nginx").exists(),
                    reason="nginx is installed by ./dev.sh setup")
def test_nginx_accepts_the_generated_config(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(serve.nginx_config(tmp_path, [41001, 41002], "127.0.0.1:41000"))
    (tmp_path / "tmp").mkdir()
    checked = subprocess.run([serve.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_dev_sh_serve_runs_the_serve_module():
    script = (serve.ROOT / "dev.sh").read_text()
    assert "serve)" in script and "-m app.serve" in script
    assert "nginx" in script.split("debian_packages()")[1].split("}")[0]
