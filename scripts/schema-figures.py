#!/usr/bin/env python3
"""Figures of the types and inheritance read from one docs folder (issue 8's before/after).

    python3 scripts/schema-figures.py ../shared/graph-docs-2021/v1.0

Runs `cargo xtask schema --docs DIR --format json` (and `cargo xtask schema --unread` when the
command has it) and prints: types by kind, bases by evidence, phantom types, unread statements.
Phantom types are measured from the IR and the pages only:
  empty-name     a type whose name ends in `.` (`"baseType": ""` read as a name)
  title-word     a type no resource page states, named after the word of a Create/Update title
                 of an API page that states it (`# Update chartaxis`)
  namespace-copy a type outside microsoft.graph that no resource page states, whose simple name
                 is a microsoft.graph type a resource page states (a link qualified by the linking
                 page's namespace)
  legacy-name    a type in a legacy namespace (`Microsoft.OutlookServices.`, `NAV.`, `Microsoft.Teams.Core.`)
"""
import collections, json, os, subprocess, sys

docs = sys.argv[1]
schema = json.loads(subprocess.run(
    ["cargo", "xtask", "schema", "--docs", docs, "--format", "json"],
    check=True, capture_output=True, text=True).stdout)
types = schema["types"]

kinds = collections.Counter(t["kind"] for t in types.values())
evidence = collections.Counter()
for t in types.values():
    if t["kind"] == "enum":
        continue
    b = t.get("base")
    evidence[b["evidence"] if b else "none"] += 1

titles = {}
def title_of(path):
    """(title text, line) of a page's first `# ` heading."""
    if path not in titles:
        titles[path] = ("", 0)
        try:
            with open(os.path.join(docs, path), encoding="utf-8", errors="replace") as f:
                for n, line in enumerate(f, 1):
                    if line.startswith("# "):
                        titles[path] = (line[2:].strip(), n)
                        break
        except OSError:
            pass
    return titles[path]

def stated_by_resource_page(t):
    """Some resources/ page's title line is among the type's sources (the page is about it)."""
    for s in t.get("sources", []):
        path, _, line = s.rpartition(":")
        if "resources/" in path and title_of(path)[1] == int(line):
            return True
    return False

declared_graph = {k.rsplit(".", 1)[-1].lower() for k, t in types.items()
                  if k.count(".") == 2 and k.startswith("microsoft.graph.") and stated_by_resource_page(t)}
phantoms = collections.defaultdict(list)
for name, t in types.items():
    simple = name.rsplit(".", 1)[-1]
    srcs = t.get("sources", [])
    on_resource_page = stated_by_resource_page(t)
    if name.endswith("."):
        phantoms["empty-name"].append(name)
    if not on_resource_page:
        for s in srcs:
            path = s.rpartition(":")[0]
            words = title_of(path)[0].split()
            if "api/" in path and len(words) >= 2 and words[0].lower() in ("create", "update") \
                    and words[1].strip("`").lower() == simple.lower():
                phantoms["title-word"].append(name)
                break
    namespace = name.rsplit(".", 1)[0]
    if namespace != "microsoft.graph" and not on_resource_page and simple.lower() in declared_graph:
        phantoms["namespace-copy"].append(name)
    if name.startswith(("Microsoft.OutlookServices.", "NAV.", "Microsoft.Teams.Core.")):
        phantoms["legacy-name"].append(name)

unread = None
r = subprocess.run(["cargo", "xtask", "schema", "--docs", docs, "--unread", "--format", "json"],
                   capture_output=True, text=True)
if r.returncode == 0:
    unread = collections.Counter()
    for line in r.stdout.splitlines():
        # one GD0060 diagnostic per line: "<statement> is not read: <reason>"
        what = json.loads(line)["message"].split(" is not read")[0]
        if what.endswith(" sentence"):
            what = "inheritance sentence"
        elif what.startswith("derived type"):
            what = "derived type link"
        unread[what] += 1

print(f"docs: {docs}")
print(f"types: {len(types)} (" + ", ".join(f"{k} {kinds[k]}" for k in ("entity", "complex", "enum")) + ")")
order = ["annotation", "prose", "derived_types", "inherited_rows", "implied", "none"]
print("bases of entity/complex types: " + ", ".join(f"{k} {evidence[k]}" for k in order + sorted(set(evidence) - set(order))))
print("phantom types: " + ", ".join(f"{k} {len(phantoms[k])}" for k in ("empty-name", "title-word", "namespace-copy", "legacy-name")))
for k in ("empty-name", "title-word", "namespace-copy", "legacy-name"):
    if phantoms[k]:
        print(f"  {k}: " + " ".join(sorted(phantoms[k])[:12]) + (" ..." if len(phantoms[k]) > 12 else ""))
if unread is None:
    print("unread statements: not reported (no `cargo xtask schema --unread`)")
else:
    print(f"unread statements: {sum(unread.values())} (" + ", ".join(f"{k} {v}" for k, v in sorted(unread.items())) + ")")
