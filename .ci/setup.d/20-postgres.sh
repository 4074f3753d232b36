# PostgreSQL for the storage tests (sourced by .ci/run as root on fresh Debian; safe to run again).
# Installs the Debian server, starts a cluster on 127.0.0.1, creates a role and a test database,
# and exports EVENTWATCH_TEST_PG_URL. Sourced, so no `set -e`: a failure here leaves the URL unset and
# the PostgreSQL tests then fail under CI=true instead of being skipped. Safe under set -euo pipefail.

_ew_pg_setup() {
    local version port user=eventwatch password=eventwatch database=eventwatch_test
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        apt-get update -qq || return 1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    # No pipes into grep -q: scripts/check sources this under `set -o pipefail`.
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    if [ -z "$port" ]; then
        pg_createcluster "$version" main >/dev/null || return 1
        port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    fi
    # Already running is fine (pg_ctlcluster exits 2 then).
    pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL did not start on port $port" >&2; return 1; }
    local psql=(runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 -tA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password'" || return 1
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
        "${psql[@]}" -c "CREATE DATABASE $database OWNER $user" || return 1
    fi
    export EVENTWATCH_TEST_PG_URL="postgresql+psycopg://$user:$password@127.0.0.1:$port/$database"
    echo "PostgreSQL $version ready: EVENTWATCH_TEST_PG_URL=$EVENTWATCH_TEST_PG_URL"
}

_ew_pg_setup || echo "WARNING: PostgreSQL setup failed; the PostgreSQL storage tests will fail under CI" >&2
unset -f _ew_pg_setup
