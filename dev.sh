#!/usr/bin/env bash
# Set up this project and run it. Usage:
#   ./dev.sh dashboard   install, load the bundled sample into data/warehouse.duckdb, open the dashboard
#   ./dev.sh test        install (Python packages and Debian's chromium), lint, run the whole test suite
#   ./dev.sh serve       install, then serve the published warehouse with --replicas N (default 2) behind nginx
#   ./dev.sh review      the dashboard in editor mode, with the review page, on 127.0.0.1 only (ADDRESS=... to change)
#   ./dev.sh setup       install only
set -euo pipefail
cd "$(dirname "$0")"

python_packages() {
    command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv==0.13.8
    [ -x .venv/bin/python ] || uv venv --quiet --python "$(command -v python3)" .venv
    # Bytecode compiled at install: importing great_expectations then costs about 5 s instead of 13 s.
    VIRTUAL_ENV=.venv uv pip install --quiet --compile-bytecode -r requirements.txt
}

debian_packages() {
    # Chromium renders chart PNGs (kaleido) and runs the end-to-end tests; fonts-dejavu-core gives it glyphs.
    # LibreOffice Impress renders the oral-update slides to images in the tests that check nothing is cut off.
    # nginx is the reverse proxy in front of several dashboard processes (./dev.sh serve).
    [ -x /usr/bin/chromium ] && command -v soffice >/dev/null && [ -x /usr/sbin/nginx ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core libreoffice-impress \
        nginx >/dev/null
}

case "${1:-}" in
    setup)
        python_packages
        debian_packages
        ;;
    dashboard)
        python_packages
        debian_packages
        # Exit 1 (some files rejected, the rest loaded) still opens the dashboard; 2 and 3 stop here.
        .venv/bin/python -m pipelines load data/raw/sample || {
            rc=$?
            [ "$rc" -eq 1 ] || { echo "The load of the sample failed (exit $rc): see the message above." >&2; exit "$rc"; }
        }
        lan=$(hostname -I 2>/dev/null | awk '{print $1}')
        [ -z "$lan" ] || echo "Other machines on this network: http://$lan:8501"
        exec .venv/bin/streamlit run dashboard.py
        ;;
    serve)
        python_packages
        debian_packages
        # Serves what is published; only a machine with nothing published yet loads the sample first.
        if [ ! -e "${TA_WAREHOUSE:-data/warehouse.duckdb}" ]; then
            .venv/bin/python -m pipelines load data/raw/sample || {
                rc=$?
                [ "$rc" -eq 1 ] || { echo "The load of the sample failed (exit $rc): see the message above." >&2; exit "$rc"; }
            }
        fi
        exec .venv/bin/python -m app.serve "${@:2}"
        ;;
    review)
        python_packages
        # The editor instance writes corrections and republishes: never exposed beyond this machine unless asked.
        exec .venv/bin/streamlit run dashboard.py --server.address "${ADDRESS:-127.0.0.1}" -- --editor "${@:2}"
        ;;
    test)
        python_packages
        debian_packages
        .venv/bin/ruff check .
        exec .venv/bin/python -m pytest "${@:2}"
        ;;
    *)
        sed -n '2,7p' "$0"
        exit 2
        ;;
esac
