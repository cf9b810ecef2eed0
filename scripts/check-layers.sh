#!/usr/bin/env bash
# Proves that the build refuses a layer violation (docs/CONVENTIONS.md, "Layers"):
# - a file compiled with a view's include paths can include views' allowed headers, but not
#   <QSqlQuery> nor <QNetworkAccessManager> (the probes in views/probes/);
# - no view spells a Qt module path to get round that (<QtSql/…>, <QtNetwork/…>,
#   <QtMultimedia/…>), and no model library includes QtWidgets;
# - no SQL text exists outside models/store/;
# - QtHttpServer is used only in server/httpserver.{h,cpp}.
# Usage: scripts/check-layers.sh [build-dir]   (a configured build folder; default ./build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${COMPOSE_BUILD_DIR:-$here/build}}
cd "$here"
fail=0
if ! out=$(cmake --build "$build" --target layer_probe_ok 2>&1); then
  echo "layer check: the allowed-includes probe does not build, so the check proves nothing:" >&2
  echo "$out" | tail -20 >&2
  exit 1
fi
for probe in sql:QSqlQuery network:QNetworkAccessManager; do
  name=${probe%%:*} header=${probe#*:}
  if out=$(cmake --build "$build" --target "layer_probe_$name" 2>&1); then
    echo "layer check: a view including <$header> builds; it must not" >&2
    fail=1
  elif ! grep -q "$header: No such file" <<<"$out"; then
    echo "layer check: layer_probe_$name failed, but not for want of <$header>:" >&2
    echo "$out" | tail -20 >&2
    fail=1
  fi
done
if grep -rnE '#include\s*<Qt(Sql|Network|Multimedia)/' views/ app/main.cpp; then
  echo "layer check: a view names a Qt module path it may not use" >&2
  fail=1
fi
if grep -rnE '#include\s*<(QtWidgets/)?Q(Widget|Application|Dialog|MainWindow|Label|PushButton)\b' models/; then
  echo "layer check: a model includes QtWidgets" >&2
  fail=1
fi
# No SQL text outside the store: every statement lives in models/store/ (tests and the
# benchmark, which time and check the database itself, are not product code).
if grep -rnE 'Db::prepare|QSqlQuery\b|"[^"]*\b(SELECT|INSERT INTO|UPDATE [A-Za-z_"]+ SET|DELETE FROM|CREATE (TABLE|INDEX)|ON CONFLICT)\b' \
     app views server models --include='*.cpp' --include='*.h' | grep -vE '^(models/store/|views/probes/)'; then
  echo "layer check: SQL outside models/store/" >&2
  fail=1
fi
# QtHttpServer's API changed in 6.5 and again in 6.8 (listen() went, handleRequest's and
# missingHandler's signatures changed): only server/httpserver.{h,cpp} may use it, so a port to
# another Qt touches that one pair (README, "Qt versions").
if grep -rnE '#include\s*<(QtHttpServer/)?Q(Abstract)?HttpServer|\bQHttpServer(Request|Response|Responder|Router)?\b' \
     app views server models tests --include='*.cpp' --include='*.h' \
     | grep -vE '^server/httpserver\.(h|cpp):'; then
  echo "layer check: QtHttpServer used outside server/httpserver.{h,cpp}" >&2
  fail=1
fi
((fail == 0)) && echo "layer check: views cannot include QtSql or QNetworkAccessManager; models have no QtWidgets; no SQL outside models/store/; QtHttpServer only in server/httpserver.{h,cpp}"
exit $fail
