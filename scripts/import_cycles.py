#!/usr/bin/env python3
"""Finds import circles between the modules of src/ (CI fails on one).

A file imports a module when it names one of its items: `crate::a::b`, `super::x`,
`self::x` or a child module's name (`sarif::print`), also inside `use a::{b, c}`. Test
modules (`#[cfg(test)]` to the end of a file) are left out.

By default two levels are checked:
  - files, leaving out a parent module's use of its own children and back (the usual
    `mod.rs` that re-exports and its files);
  - top-level modules (`app`, `pipeline`, `rules`, `engine`, ...).
--strict also counts parent <-> child imports.

Usage (from the repository root): python3 scripts/import_cycles.py [--strict]
"""
import os
import re
import sys

ROOT = "src"


def modules():
    """Module path (tuple of names) -> file."""
    found = {}
    for folder, _, names in os.walk(ROOT):
        for name in names:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts == ["lib"]:
                parts = []
            found[tuple(parts)] = path
    return found


def imports(mods):
    """Module -> set of modules whose items it names."""
    def owner(path):
        for n in range(len(path), -1, -1):
            if tuple(path[:n]) in mods:
                return tuple(path[:n])
        return None

    edges = {module: set() for module in mods}
    for module, file in mods.items():
        text = open(file, encoding="utf-8").read()
        text = text.split("#[cfg(test)]")[0]
        text = re.sub(r"//.*", "", text)
        here = [] if module == ("main",) else list(module)
        children = {m[-1] for m in mods if len(m) == len(here) + 1 and list(m[:-1]) == here}

        def expand(head, rest):
            if head == "crate":
                return rest
            if head == "super":
                return here[:-1] + rest
            if head == "self":
                return here + rest
            return here + [head] + rest

        def add(path):
            target = owner(path)
            if target is not None and target != module:
                edges[module].add(target)

        def relevant(head):
            return head in ("crate", "super", "self") or head in children

        for match in re.finditer(r"\b(\w+)((?:::\w+)*)::\{([^}]*)\}", text):
            head, rest = match.group(1), [p for p in match.group(2).split("::") if p]
            if not relevant(head):
                continue
            for item in match.group(3).split(","):
                item = item.strip().split("::")[0].split(" ")[0]
                add(expand(head, rest + ([item] if item and item != "self" else [])))
        for match in re.finditer(r"\b(\w+)((?:::\w+)+)", text):
            if relevant(match.group(1)):
                add(expand(match.group(1), match.group(2).split("::")[1:]))
    return edges


def circles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def name(module):
    return "/".join(module) or "lib"


def main():
    strict = "--strict" in sys.argv
    mods = modules()
    edges = imports(mods)
    files = {
        a: {b for b in targets if strict or not (b[: len(a)] == a or a[: len(b)] == b)}
        for a, targets in edges.items()
    }
    top = {}
    for a, targets in edges.items():
        for b in targets:
            if a[:1] and b[:1] and a[:1] != b[:1]:
                top.setdefault(a[:1], set()).add(b[:1])
    bad = 0
    for level, graph in (("files", files), ("top-level modules", top)):
        for component in circles(graph):
            bad += 1
            print(f"import circle ({level}): " + ", ".join(map(name, component)))
            for a in component:
                for b in sorted(graph[a]):
                    if b in component:
                        print(f"    {name(a)} -> {name(b)}")
    if bad:
        sys.exit(1)
    print("no import circles")


if __name__ == "__main__":
    main()
