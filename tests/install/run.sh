#!/bin/sh
# An installed regdoc works without the source tree (issue 9):
#   cmake --install BUILD --prefix $TMP/prefix
# then checks
#   (a) every installed file: bin/regdoc, libregdoc.so (+ soname link) and libregdoc.a,
#       include/regdoc.h, regdoc.pc, share/regdoc/{templates,corpus} with the corpus
#       README and provenance, share/man/man1/regdoc.1; the shared library exports
#       the public API (regdoc_*) and nothing else;
#   (b) `regdoc build -o OUT` with no CORPUS_DIR, from an empty folder outside the source
#       tree, builds the installed corpus (AI Act and CRA: graph, site, products) with
#       the installed templates (a marker put into the installed site.css shows up in
#       the output, so the source tree's copy was not used);
#       `regdoc new` there asks the installed questionnaire and assesses with the
#       installed corpus;
#   (c) from a folder holding ./corpus, the same command builds that corpus instead;
#   (d) the prefix still works after it is moved elsewhere (nothing absolute baked in);
#   (e) a tiny C program compiles and links against the installed pkg-config file, with
#       the shared library and with the static one, and runs a job (regdoc_check) with
#       the installed data.
#
# usage: tests/install/run.sh BUILD_DIR CC SANITIZE(ON|OFF)     (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command.
set -u
build=${1:?usage: run.sh BUILD_DIR CC SANITIZE}
cc=${2:?usage: run.sh BUILD_DIR CC SANITIZE}
sanitize=${3:-OFF}
src=$(pwd)
[ -f "$src/src/regdoc.h" ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
case "$build" in /*) ;; *) build=$src/$build ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-install.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL: $*"; fail=1; }

prefix=$work/prefix
if ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
	echo "FAIL: cmake --install:"; cat "$work/install.log"; exit 1
fi

# (a) the files
libdir=$(cd "$prefix" && ls -d lib*/pkgconfig 2>/dev/null | head -1)
libdir=${libdir%/pkgconfig}
[ -n "$libdir" ] || failed "no lib*/pkgconfig/ under the prefix"
for f in bin/regdoc include/regdoc.h "$libdir/libregdoc.a" "$libdir/libregdoc.so" \
         "$libdir/libregdoc.so.0" "$libdir/pkgconfig/regdoc.pc" share/man/man1/regdoc.1 \
         share/regdoc/templates/schema/graph.rng share/regdoc/templates/schema/product.rng \
         share/regdoc/templates/site/site.xsl share/regdoc/templates/site/static/site.css \
         share/regdoc/templates/checklist/html.xsl share/regdoc/templates/annex-iv/html.xsl \
         share/regdoc/corpus/README.md share/regdoc/corpus/cra/PROVENANCE.md \
         share/regdoc/corpus/ai-act/manifest.xml share/regdoc/corpus/ai-act/rules/20-route.xml \
         share/regdoc/corpus/cra/manifest.xml share/regdoc/templates/questionnaire.xml \
         share/regdoc/templates/schema/questionnaire.rng share/regdoc/templates/diff/html.xsl \
         share/regdoc/templates/checklist/diagram.xsl share/regdoc/templates/site/links-map.xsl; do
	[ -e "$prefix/$f" ] || failed "not installed: $f"
done
[ -x "$prefix/bin/regdoc" ] || failed "bin/regdoc is not executable"
if [ -e "$prefix/$libdir/libregdoc.so" ]; then
	others=$(nm -D --defined-only "$prefix/$libdir/libregdoc.so" | awk '$2 ~ /^[TDB]$/ {print $3}' |
		sed 's/@.*//' | grep -v '^regdoc_' | head -5)
	[ -z "$others" ] || failed "libregdoc.so exports more than regdoc_*: $others"
	nm -D --defined-only "$prefix/$libdir/libregdoc.so" | grep -q ' T regdoc_build' ||
		failed "libregdoc.so does not export regdoc_build"
fi

# (b) no CORPUS_DIR, an empty cwd outside the source tree: the installed corpus
unset REGDOC_DATADIR
echo "/* installed-copy-marker */" >>"$prefix/share/regdoc/templates/site/static/site.css"
mkdir "$work/empty" && cd "$work/empty" || exit 2
if ! ${REGDOC_WRAPPER:-} "$prefix/bin/regdoc" build -o "$work/out" >"$work/b.out" 2>"$work/b.err"; then
	failed "installed regdoc build exited non-zero:"; tail -20 "$work/b.err"
fi
for f in ai-act/graph.xml ai-act/site/index.html ai-act/site/art-43.html \
         ai-act/products/hirerank-cv-screening/checklist.html \
         ai-act/products/hirerank-cv-screening/annex-iv.md cra/graph.xml cra/site/index.html; do
	[ -s "$work/out/$f" ] || failed "installed build wrote no $f"
done
grep -q 'installed-copy-marker' "$work/out/ai-act/site/static/site.css" 2>/dev/null ||
	failed "the site was not built from the installed templates"
real_prefix=$(cd "$prefix" && pwd -P)
grep -q "src=\"$real_prefix/share/regdoc/corpus/ai-act/" "$work/out/ai-act/graph.xml" 2>/dev/null ||
	failed "the graph was not built from the installed corpus"
if grep -q "$src" "$work/out/ai-act/graph.xml" "$work/b.err" 2>/dev/null; then
	failed "the installed build refers to the source tree $src"
fi
[ ! -e "$work/empty/output" ] || failed "-o was not honoured (./output created)"
# the questionnaire and the regulation it assesses with are the installed ones too
if ! ${REGDOC_WRAPPER:-} "$prefix/bin/regdoc" new p.xml <"$src/tests/new/hirerank.answers" >"$work/n.out" 2>"$work/n.err"; then
	failed "installed regdoc new exited non-zero:"; grep -v "warning: '" "$work/n.err" | tail -5
fi
grep -q "^The route it leads to (the rules in $real_prefix/share/regdoc/corpus/ai-act/rules)" "$work/n.out" ||
	{ failed "installed regdoc new did not assess with the installed corpus:"; cat "$work/n.out"; }
cmp -s p.xml "$src/tests/new/hirerank.expected.xml" || failed "installed regdoc new wrote another product"

# (c) ./corpus present: it is the default
mkdir -p "$work/here/corpus" && cp -R "$src/tests/fixtures/mini" "$work/here/corpus/mini"
cd "$work/here" || exit 2
if ! ${REGDOC_WRAPPER:-} "$prefix/bin/regdoc" build >"$work/c.out" 2>"$work/c.err"; then
	failed "regdoc build with ./corpus exited non-zero:"; tail -20 "$work/c.err"
fi
[ -s output/mini/graph.xml ] || failed "regdoc build did not use ./corpus (no output/mini/graph.xml)"
[ ! -e output/ai-act ] || failed "regdoc build used the installed corpus although ./corpus exists"

# (d) a moved prefix
mv "$prefix" "$work/moved"
cd "$work/empty" || exit 2
if ! ${REGDOC_WRAPPER:-} "$work/moved/bin/regdoc" check "$work/moved/share/regdoc/corpus/ai-act" \
	>/dev/null 2>"$work/d.err"; then
	failed "a moved prefix does not work:"; tail -5 "$work/d.err"
fi
mv "$work/moved" "$prefix"

# (e) pkg-config, shared and static
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
san=
[ "$sanitize" = ON ] && san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cat >"$work/tiny.c" <<'EOF'
#include <regdoc.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	regdoc_options o;
	int rc;
	if (argc != 3)
		return 2;
	regdoc_options_init(&o);
	o.datadir = argv[1];
	rc = regdoc_check(&o, argv[2]);
	printf("regdoc %s check: %d\n", regdoc_version(), rc);
	return rc;
}
EOF
cflags=$(pkg-config --cflags regdoc) || failed "pkg-config --cflags regdoc"
libs=$(pkg-config --libs regdoc) || failed "pkg-config --libs regdoc"
slibs=$(pkg-config --static --libs regdoc | sed 's/-lregdoc\b/-l:libregdoc.a/') ||
	failed "pkg-config --static --libs regdoc"
case "$cflags" in *"$prefix/include"*) ;; *) failed "regdoc.pc Cflags do not name $prefix/include: $cflags" ;; esac
ver=$(pkg-config --modversion regdoc)
[ "$ver" = "$("$prefix/bin/regdoc" --version | sed 's/^regdoc //')" ] ||
	failed "regdoc.pc version $ver is not the program's"
# shellcheck disable=SC2086
if ! "$cc" -std=c11 -Wall -Werror $san "$work/tiny.c" -o "$work/tiny" $cflags $libs 2>"$work/cc.err"; then
	failed "cannot build against the shared library:"; cat "$work/cc.err"
else
	# the shared one really is what it runs with
	LD_LIBRARY_PATH="$prefix/$libdir" ldd "$work/tiny" | grep -q "$prefix/$libdir/libregdoc.so" ||
		failed "tiny does not load $prefix/$libdir/libregdoc.so"
	out=$(LD_LIBRARY_PATH="$prefix/$libdir" ${REGDOC_WRAPPER:-} "$work/tiny" "$prefix/share/regdoc" \
		"$src/tests/fixtures/mini" 2>"$work/tiny.err")
	[ "$out" = "regdoc $ver check: 0" ] || { failed "tiny (shared) printed '$out'"; cat "$work/tiny.err"; }
fi
# shellcheck disable=SC2086
if ! "$cc" -std=c11 -Wall -Werror $san "$work/tiny.c" -o "$work/tiny-static" $cflags $slibs 2>"$work/cc.err"; then
	failed "cannot build against the static library:"; cat "$work/cc.err"
else
	ldd "$work/tiny-static" | grep -q libregdoc && failed "tiny-static loads a shared libregdoc"
	out=$(${REGDOC_WRAPPER:-} "$work/tiny-static" "$prefix/share/regdoc" "$src/tests/fixtures/mini" 2>"$work/tiny.err")
	[ "$out" = "regdoc $ver check: 0" ] || { failed "tiny (static) printed '$out'"; cat "$work/tiny.err"; }
fi

[ $fail = 0 ] && echo "install: all checks passed"
exit $fail
