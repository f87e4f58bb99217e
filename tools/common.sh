# Shared settings of the project's scripts: where the throwaway cluster lives
# and how to reach it.  Source it; do not run it.  POVEXT_PORT and
# POVEXT_CLUSTER_DIR let two clusters run side by side.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg_bin=${POVEXT_PG_BIN:-/usr/lib/postgresql/15/bin}
export PGPORT=${POVEXT_PORT:-54321}
export PGUSER=postgres
export PGDATABASE=postgres

# The cluster runs as the postgres OS user, so its directory must be
# reachable by that user; fall back to /tmp when the checkout is not.
cluster_root() {
    local dir=$top/tmp
    if runuser -u postgres -- test -x "$top" 2>/dev/null; then
        echo "$dir"
    else
        echo "/tmp/povext-cluster-$(id -u)-$(echo "$top" | md5sum | cut -c1-8)"
    fi
}
cluster_dir=${POVEXT_CLUSTER_DIR:-$(cluster_root)}
export PGHOST=$cluster_dir/socket
pgdata=$cluster_dir/data

# Installs the Debian packages the build, the server and the tests need, if missing.
ensure_packages() {
    local wanted="make gcc postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
                  libtap-parser-sourcehandler-pgtap-perl libipc-run-perl perl procps python3
                  python3-psycopg2 sqlsmith gettext locales
                  odbc-postgresql unixodbc python3-pyodbc libpostgresql-jdbc-java
                  default-jre-headless default-jdk-headless python3-sqlalchemy"
    local missing=()
    local p
    for p in $wanted; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    ensure_locale
}

# Generates the locale the Vietnamese message tests set lc_messages to, if
# missing; the server must start after it exists.
ensure_locale() {
    locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\?8' && return 0
    echo "== generating the vi_VN.UTF-8 locale"
    localedef -i vi_VN -c -f UTF-8 -A /usr/share/locale/locale.alias vi_VN.UTF-8
}

# Builds povext with warnings as errors and installs it into the server.
build_and_install() {
    echo "== building and installing povext"
    make -C "$top" -s clean >/dev/null &&
        make -C "$top" -s POVEXT_STRICT=1 &&
        make -C "$top" -s install >/dev/null
}

# Starts a fresh throwaway cluster as the postgres OS user.
start_cluster() {
    stop_cluster
    rm -rf "$cluster_dir"
    mkdir -p "$cluster_dir/socket"
    chown -R postgres:postgres "$cluster_dir"
    echo "== starting PostgreSQL 15 in $pgdata on port $PGPORT"
    (cd / && runuser -u postgres -- "$pg_bin/initdb" -D "$pgdata" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    (cd / && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -l "$cluster_dir/server.log" -w \
        -o "-p $PGPORT -k $PGHOST -c listen_addresses=127.0.0.1 -c max_worker_processes=16 -c max_parallel_workers=8" start >/dev/null)
}

# Stops the throwaway cluster if it runs, even if its directory was removed.
stop_cluster() {
    if [ -f "$pgdata/postmaster.pid" ]; then
        (cd / && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null) || true
    fi
    if pkill -INT -f "^$pg_bin/postgres -D $pgdata " 2>/dev/null; then
        sleep 2
    fi
}

# What every command does first: packages, build, install, a fresh cluster
# that is stopped when the calling script exits; fails on the first error.
prepare_cluster() {
    ensure_packages || exit 1
    build_and_install || exit 1
    start_cluster || exit 1
    trap stop_cluster EXIT
}
