#!/usr/bin/env bash
# Installs the pgvector extension into the system PostgreSQL from Debian's own source package.
# Debian 12 ships no binary package for it, so we build pgvector from the trixie source suite
# with a private apt configuration (the system's sources are left untouched). Idempotent.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)}"
PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"

if [ -x "$PG_CONFIG" ] && [ -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ]; then
  echo "install-pgvector: pgvector already installed for PostgreSQL ${PG_MAJOR}"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

apt-get update -qq
apt-get install -y -qq --no-install-recommends "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev >/dev/null

# A private apt world that knows only trixie's source index.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources.list.d" "$work/apt/preferences.d"
echo "deb-src ${DEBIAN_MIRROR:-http://deb.debian.org/debian} trixie main" > "$work/apt/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/apt/sources.list"
  -o "Dir::Etc::SourceParts=$work/apt/sources.list.d"
  -o "Dir::Etc::Preferences=$work/apt/preferences"
  -o "Dir::Etc::PreferencesParts=$work/apt/preferences.d"
  -o "Dir::State::Lists=$work/apt/lists"
  -o "Dir::Cache=$work/apt/cache"
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
(cd "$work" && dpkg-source -x --no-check ./pgvector_*.dsc src >/dev/null)

make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "install-pgvector: installed pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$work/src/vector.control") for PostgreSQL ${PG_MAJOR}"
