#!/usr/bin/env python3
"""No two modules of src/ use each other: every use goes down one declared order.

The order is one line of README.md's "Layout" section, lowest first:

  Module order: `util < ingest < graph < link < ... < cli`

A module is a folder of src/ (src/graph/...); the files directly in src/ (regdoc.c, job*.c,
report.c, shared.c and their headers) are the module "regdoc". A module may use its
own files and those of the modules before it in the order, never one after it. Two
readings of "use", both checked:

  includes  every #include "X" of every .c and .h under src/ (read as text). The
            public header src/regdoc.h is the one exception: it declares the API's
            types (regdoc_options, ...) and any module may include it for them;
            calling its functions from below is what the symbol check catches.
  symbols   with the objects of the build (nm -P), every symbol an object leaves
            undefined that another module's object defines: the calls and data uses
            a header could hide (a declaration written by hand, a macro).

Every folder of src/ must be in the order (a new module is placed on purpose), and
the order names no folder that does not exist. A private header NAME_impl.h (the files
of one split source: link/cite_impl.h, link/suggest_impl.h, render/xslt_impl.h) is
included only by the files beside it whose name starts with NAME.

usage: check.py SOURCE_DIR [--nm NM] [OBJECT ...]   (an OBJECT argument may hold
                                                    several paths separated by ';')
       check.py --self-test
Exit 0 when every use goes down the order, 1 with one line per wrong use, 2 on usage.
"""
import os
import re
import subprocess
import sys
import tempfile

ORDER_RE = re.compile(r"^Module order: `([^`]*)`")
INCLUDE_RE = re.compile(r'^[ \t]*#[ \t]*include[ \t]+"([^"]+)"', re.M)
PUBLIC_HEADER = "regdoc.h"
TOP = "regdoc"


def read_order(readme):
    """The module order of README's Layout section, lowest first."""
    in_layout = False
    with open(readme, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                in_layout = line.strip() == "## Layout"
                continue
            m = ORDER_RE.match(line) if in_layout else None
            if m:
                names = [n.strip() for n in m.group(1).split("<")]
                if not all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names):
                    raise ValueError("%s: bad module order line: %s" % (readme, line.strip()))
                if len(set(names)) != len(names):
                    raise ValueError("%s: a module is named twice in the order" % readme)
                return names
    raise ValueError("%s: no 'Module order: `a < b < ...`' line in the Layout section" % readme)


def module_of(rel):
    """The module of a path relative to src/ ("graph/check.c" -> "graph")."""
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else TOP


def source_files(src):
    out = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                out.append(os.path.relpath(os.path.join(root, name), src).replace(os.sep, "/"))
    return out


def check_modules(src, order):
    errors = []
    folders = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))
    for d in folders:
        if d not in order:
            errors.append("src/%s/: module not in README's module order" % d)
    for m in order:
        if m != TOP and m not in folders:
            errors.append("README's module order names %s, which is not a folder of src/" % m)
    return errors


def check_includes(src, order):
    rank = {m: i for i, m in enumerate(order)}
    errors = []
    for rel in source_files(src):
        frm = module_of(rel)
        with open(os.path.join(src, rel), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for m in INCLUDE_RE.finditer(text):
            inc = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            if "/" not in inc and os.path.exists(os.path.join(src, os.path.dirname(rel), inc)):
                inc = os.path.join(os.path.dirname(rel), inc).replace(os.sep, "/")
            if not os.path.exists(os.path.join(src, inc)):
                continue  # not ours (a test helper, a generated header)
            to = module_of(inc)
            base = os.path.basename(inc)
            if base.endswith("_impl.h") and not (
                    os.path.dirname(inc) == os.path.dirname(rel) and
                    os.path.basename(rel).startswith(base[:-len("_impl.h")])):
                errors.append("src/%s:%d: includes %s, private to %s*.c"
                              % (rel, line, inc, inc[:-len("_impl.h")]))
                continue
            if to == frm or inc == PUBLIC_HEADER:
                continue
            if frm in rank and to in rank and rank[to] > rank[frm]:
                errors.append("src/%s:%d: %s includes %s, a module after it (%s < %s)"
                              % (rel, line, frm, inc, frm, to))
    return errors


def object_module(path):
    """The module of a CMake object file: .../CMakeFiles/T.dir/graph/check.c.o."""
    p = path.replace(os.sep, "/")
    m = re.search(r"/CMakeFiles/[^/]+\.dir/(.+)\.(o|obj)$", p)
    if not m:
        raise ValueError("%s: not an object of a CMake target" % path)
    rel = m.group(1)
    return module_of(rel), rel[:-2] if rel.endswith(".c") else rel


def check_symbols(objects, order, nm):
    rank = {m: i for i, m in enumerate(order)}
    defined = {}   # symbol -> (module, source)
    used = []      # (module, source, symbol)
    for obj in objects:
        mod, rel = object_module(obj)
        out = subprocess.run([nm, "-P", "-g", obj], check=True, capture_output=True,
                             text=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) < 2:
                continue
            if f[1] == "U":
                used.append((mod, rel, f[0]))
            elif f[1] not in ("w", "v"):
                defined[f[0]] = (mod, rel)
    errors = []
    for mod, rel, sym in used:
        if sym not in defined:
            continue  # a library's (libc, libxml2)
        to, where = defined[sym]
        if to != mod and mod in rank and to in rank and rank[to] > rank[mod]:
            errors.append("src/%s.c: %s uses %s of src/%s.c, a module after it (%s < %s)"
                          % (rel, mod, sym, where, mod, to))
        elif to != mod and (mod not in rank or to not in rank):
            errors.append("src/%s.c uses %s of src/%s.c: module not in the order"
                          % (rel, sym, where))
    return errors


def run(src, objects, nm):
    order = read_order(os.path.join(os.path.dirname(os.path.abspath(src)), "README.md"))
    errors = check_modules(src, order) + check_includes(src, order)
    if objects:
        errors += check_symbols(objects, order, nm)
    return order, errors


def self_test():
    """A made-up tree: the checks pass on it, then fail on each kind of wrong use."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        for d in ("util", "low", "high"):
            os.makedirs(os.path.join(src, d))

        def write(rel, text):
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                f.write(text)

        write("README.md", "# x\n\n## Layout\n\nModule order: `util < low < high < regdoc`\n")
        write("src/regdoc.h", "int api(void);\n")
        write("src/regdoc.c", '#include "regdoc.h"\n#include "high/high.h"\n')
        write("src/util/u.h", "int u(void);\n")
        write("src/low/low.h", '#include "util/u.h"\n#include "regdoc.h"\n')
        write("src/high/high.h", '#include "low/low.h"\n')
        write("src/high/high.c", '#include "high.h"\n')
        order, errors = run(src, [], None)
        assert order == ["util", "low", "high", "regdoc"], order
        assert errors == [], errors
        # a lower module includes a higher one: the cycle this test is for
        write("src/low/low.c", '#include "low/low.h"\n\n#include "high/high.h"\n')
        _, errors = run(src, [], None)
        assert errors == ["src/low/low.c:3: low includes high/high.h, a module after it "
                          "(low < high)"], errors
        os.remove(os.path.join(src, "low/low.c"))
        # a private header of a split source, included by another file
        write("src/high/part_impl.h", "int part(void);\n")
        write("src/high/part_a.c", '#include "high/part_impl.h"\n')
        write("src/high/other.c", '#include "high/part_impl.h"\n')
        _, errors = run(src, [], None)
        assert errors == ["src/high/other.c:1: includes high/part_impl.h, private to "
                          "high/part*.c"], errors
        for f in ("part_impl.h", "part_a.c", "other.c"):
            os.remove(os.path.join(src, "high", f))
        # util includes a stage's header
        write("src/util/u.c", '#include "low/low.h"\n')
        _, errors = run(src, [], None)
        assert len(errors) == 1 and "util includes low/low.h" in errors[0], errors
        os.remove(os.path.join(src, "util/u.c"))
        # a module the order does not place, and one it names that is gone
        os.makedirs(os.path.join(src, "extra"))
        _, errors = run(src, [], None)
        assert errors == ["src/extra/: module not in README's module order"], errors
        os.rmdir(os.path.join(src, "extra"))
        os.remove(os.path.join(src, "util/u.h"))
        os.rmdir(os.path.join(src, "util"))
        _, errors = run(src, [], None)
        assert "README's module order names util, which is not a folder of src/" in errors
        os.makedirs(os.path.join(src, "util"))
        write("src/util/u.h", "int u(void);\n")
        # the order line itself: missing, or naming a module twice
        write("README.md", "# x\n\n## Layout\n\nno order here\n")
        try:
            run(src, [], None)
            raise AssertionError("a README without the order line passed")
        except ValueError:
            pass
        write("README.md", "# x\n\n## Layout\n\nModule order: `util < low < util`\n")
        try:
            run(src, [], None)
            raise AssertionError("an order naming util twice passed")
        except ValueError:
            pass
        # symbols: only when nm and a C compiler are here (the real run needs nm)
        cc = os.environ.get("CC", "cc")
        nm = os.environ.get("NM", "nm")
        write("README.md", "# x\n\n## Layout\n\nModule order: `util < low < high < regdoc`\n")
        objdir = os.path.join(tmp, "build", "CMakeFiles", "lib.dir")
        for d in ("low", "high"):
            os.makedirs(os.path.join(objdir, d))
        write("low.c", "int high_fn(void);\nint low_fn(void) { return high_fn(); }\n")
        write("high.c", "int low_fn(void);\nint high_fn(void) { return 1; }\n"
              "int high_use(void) { return low_fn(); }\n")
        objs = []
        for d in ("low", "high"):
            o = os.path.join(objdir, d, d + ".c.o")
            subprocess.run([cc, "-c", "-o", o, os.path.join(tmp, d + ".c")], check=True)
            objs.append(o)
        _, errors = run(src, objs, nm)
        assert errors == ["src/low/low.c: low uses high_fn of src/high/high.c, a module after "
                          "it (low < high)"], errors
    print("self-test: ok")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    args = argv[1:]
    nm = "nm"
    if len(args) >= 3 and args[1] == "--nm":
        nm = args[2]
        del args[1:3]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    src = args[0]
    objects = [p for a in args[1:] for p in a.split(";") if p]
    try:
        order, errors = run(src, objects, nm)
    except (ValueError, OSError, subprocess.CalledProcessError) as e:
        print("layers: %s" % e, file=sys.stderr)
        return 2
    for e in errors:
        print(e)
    if errors:
        print("layers: %d use(s) against the order %s (README.md, Layout)"
              % (len(errors), " < ".join(order)))
        return 1
    print("layers: %s; %d objects, every use goes down the order"
          % (" < ".join(order), len(objects)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
