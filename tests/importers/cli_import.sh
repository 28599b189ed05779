#!/usr/bin/env bash
# `diagdesk import` from the outside: exit codes, messages, --json, --dry-run,
# the default target (<data dir>/kb), and an import killed with SIGKILL then
# run again. Usage: cli_import.sh PATH/TO/diagdesk
set -u
diagdesk=${1:?usage: cli_import.sh DIAGDESK}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
export DIAGDESK_HOME="$tmp/home"
fails=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fails=$((fails + 1)); fi
}

mkdir -p "$tmp/src/sub"
printf '# VPN\n\nThe VPN client shows error 809 when the firewall blocks the UDP ports.\n' > "$tmp/src/vpn.md"
printf '<html lang="fr"><title>Imprimante</title><p>Red\xe9marrez le spouleur.</p></html>' > "$tmp/src/sub/printer.html"
printf 'name;answer\nMot de passe;"<p>R\xe9initialisez le mot de passe\ndans l annuaire.</p>"\n' > "$tmp/src/glpi.csv"

# 1. A clean import into the default target: exit 0, articles in <data dir>/kb/articles.
out=$("$diagdesk" import "$tmp/src" 2>&1); rc=$?
check "clean import exits 0" test $rc -eq 0
check "articles land in the user layer" test -f "$tmp/home/kb/articles/en/src.vpn.md"
check "Latin-1 CSV row, in French" test -f "$tmp/home/kb/articles/fr/src.glpi.mot-de-passe.md"
check "the report gives totals" grep -q "Files: 3 (3 imported" <<<"$out"
check "no progress bar when stderr is not a terminal" bash -c "! grep -q '\[###' <<<'$out'"

# 2. Again: unchanged, exit 0.
out=$("$diagdesk" import "$tmp/src" 2>&1); rc=$?
check "re-import exits 0" test $rc -eq 0
check "re-import changes nothing" grep -q "Files: 3 (0 imported, 0 updated, 3 unchanged" <<<"$out"

# 3. A bad file: its own message, the others imported, exit 1.
printf 'PK\003\004\000\000binary' > "$tmp/src/archive.md"
out=$("$diagdesk" import "$tmp/src" --to "$tmp/kb2" 2>&1); rc=$?
check "a failed file makes exit code 1" test $rc -eq 1
check "the failed file is named with its reason" grep -q "archive.md" <<<"$out"
check "binary content is said" grep -q "binary content" <<<"$out"
check "the other files are imported" test -f "$tmp/kb2/articles/en/src.vpn.md"
rm "$tmp/src/archive.md"

# 4. --json and --dry-run.
json=$("$diagdesk" import "$tmp/src" --to "$tmp/kb3" --dry-run --json); rc=$?
check "dry run exits 0" test $rc -eq 0
check "dry run writes nothing" test ! -e "$tmp/kb3"
check "json says dry_run" grep -q '"dry_run": true' <<<"$json"
check "json lists ids" grep -q '"id": "src.vpn.en"' <<<"$json"

# 5. Bad usage: exit 2.
"$diagdesk" import "$tmp/src" --lang de >/dev/null 2>&1; rc=$?
check "an unsupported --lang is bad usage (2)" test $rc -eq 2
"$diagdesk" import "$tmp/src" --map title >/dev/null 2>&1; rc=$?
check "a malformed --map is bad usage (2)" test $rc -eq 2

# 6. A read-only target: exit 1, the reason given.
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
out=$("$diagdesk" import "$tmp/src" --to "$tmp/ro" 2>&1); rc=$?
check "read-only target exits 1" test $rc -eq 1
check "read-only is said" grep -q "is read-only" <<<"$out"

# 6b. A file deleted from the source folder: listed, removed (or kept), in text and JSON.
mkdir -p "$tmp/gone"
printf '# Toner\n\nShake the toner cartridge and put it back in the laser printer.\n' > "$tmp/gone/toner.md"
printf '# Badge\n\nThe badge reader blinks red: enrol the badge again.\n' > "$tmp/gone/badge.md"
"$diagdesk" import "$tmp/gone" --to "$tmp/kb5" --lang en >/dev/null 2>&1
rm "$tmp/gone/toner.md"
json=$("$diagdesk" import "$tmp/gone" --to "$tmp/kb5" --lang en --dry-run --json); rc=$?
check "dry run with a source gone exits 0" test $rc -eq 0
check "json lists the article whose source is gone" grep -q '"action": "would be removed"' <<<"$json"
check "the dry run keeps the article" test -f "$tmp/kb5/articles/en/gone.toner.md"
out=$("$diagdesk" import "$tmp/gone" --to "$tmp/kb5" --lang en --keep-missing 2>&1); rc=$?
check "--keep-missing exits 0" test $rc -eq 0
check "--keep-missing says it kept it" grep -q "gone.toner.en: kept (--keep-missing)" <<<"$out"
check "--keep-missing keeps the article" test -f "$tmp/kb5/articles/en/gone.toner.md"
out=$("$diagdesk" import "$tmp/gone" --to "$tmp/kb5" --lang en 2>&1); rc=$?
check "the import with a source gone exits 0" test $rc -eq 0
check "the report names the removed article" grep -q "gone.toner.en: removed" <<<"$out"
check "the article file is gone" test ! -e "$tmp/kb5/articles/en/gone.toner.md"
check "the other article stays" test -f "$tmp/kb5/articles/en/gone.badge.md"

# 7. Killed in the middle, then run again: every article whole, all there.
mkdir -p "$tmp/many"
for i in $(seq 1 1500); do
  printf '<html lang="en"><title>Page %s</title><p>Body of page %s for the interrupted import.</p></html>' "$i" "$i" > "$tmp/many/p$i.html"
done
"$diagdesk" import "$tmp/many" --to "$tmp/kb4" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do
  n=$(find "$tmp/kb4/articles" -name '*.md' 2>/dev/null | wc -l)
  [ "$n" -gt 30 ] && break
  sleep 0.02
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
echo "killed after $(find "$tmp/kb4/articles" -name '*.md' 2>/dev/null | wc -l) articles"
out=$("$diagdesk" import "$tmp/many" --to "$tmp/kb4" 2>&1); rc=$?
check "the run after the kill exits 0" test $rc -eq 0
check "all 1500 articles are there" test "$(find "$tmp/kb4/articles" -name '*.md' | wc -l)" -eq 1500
check "no temporary file is left" test "$(find "$tmp/kb4" -name '*.tmp-*' | wc -l)" -eq 0
check "every article has its closing front matter and body" \
  test "$(grep -L '^+++$' -r "$tmp/kb4/articles" | wc -l)" -eq 0
out=$("$diagdesk" import "$tmp/many" --to "$tmp/kb4" 2>&1)
check "a third run finds everything unchanged" grep -q "1500 unchanged" <<<"$out"

echo "$fails failed"
[ $fails -eq 0 ]
