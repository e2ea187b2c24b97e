# Shared settings of the project's commands (sourced, not run).
#
# Every path can be moved with an environment variable:
#   AFTERSALES_PYTHON   interpreter used to create the virtualenv (default: python3.12)
#   AFTERSALES_VENV     virtualenv holding Odoo and the Python dependencies
#   AFTERSALES_DATA     Odoo data directory (filestore, sessions) of `bin/run`
#   ODOO_SOURCE         where to install Odoo 19.0 from when it is missing
#                       (an archive URL, a local archive or a source directory)
#   PGHOST/PGPORT/PGUSER/PGPASSWORD  an existing PostgreSQL server to use;
#                       without them a local PostgreSQL is installed and started.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_HOME="${XDG_DATA_HOME:-$HOME/.local/share}/aftersales"
AFTERSALES_VENV="${AFTERSALES_VENV:-$STATE_HOME/venv}"
AFTERSALES_DATA="${AFTERSALES_DATA:-$STATE_HOME/data}"
ODOO_SOURCE="${ODOO_SOURCE:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}"
PY="$AFTERSALES_VENV/bin/python"
ODOO="$AFTERSALES_VENV/bin/odoo"
# Addons shipped by this repository (the repository root is an addons directory).
AFTERSALES_ADDONS="aftersales_service,aftersales_training"

log() { printf '\033[1m[aftersales]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[aftersales] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "'$*' needs root rights and sudo is missing: run it as root, then retry."
    fi
}

# Odoo options that connect to the PostgreSQL chosen by bin/setup.
odoo_db_args() {
    if [ -n "${PGHOST:-}" ]; then
        printf -- '--db_host=%s\n' "$PGHOST"
    else
        printf -- '--db_host=\n'
    fi
    [ -n "${PGPORT:-}" ] && printf -- '--db_port=%s\n' "$PGPORT"
    [ -n "${PGUSER:-}" ] && printf -- '--db_user=%s\n' "$PGUSER"
    [ -n "${PGPASSWORD:-}" ] && printf -- '--db_password=%s\n' "$PGPASSWORD"
    return 0
}

# Addons path: this repository, then Odoo's own (with the OCA wheels).
addons_path() {
    "$PY" - <<'EOF'
import os, odoo.addons
paths = [p for p in odoo.addons.__path__ if os.path.isdir(p)]
print(",".join(dict.fromkeys(paths)))
EOF
}
