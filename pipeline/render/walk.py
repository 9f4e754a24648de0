"""Walking a panflute tree the way :meth:`panflute.Element.walk` does, without its cost.

panflute rebuilds every list of children on every walk (a new container, each child
type-checked and re-parented), changed or not; a compilation of thousands of
proposals spent most of its time there. This walk has the same meaning (children
first, then *action* on the element; an action returns None to keep the element,
an element to replace it, a list to splice in, [] to delete) and sets a list of
children only where an action changed it.
"""

from __future__ import annotations

from typing import Callable

import panflute as pf
from panflute.containers import DictContainer, ListContainer

Action = Callable[[pf.Element, pf.Doc | None], object]


def walk(root: pf.Element, action: Action, doc: pf.Doc | None = None) -> pf.Element:
    """*root* after *action* has seen every element below it and *root* itself."""
    if doc is None:
        doc = root.doc if not isinstance(root, pf.Doc) else root
    return _walk(root, action, doc)


def _walk(elem: pf.Element, action: Action, doc) -> object:
    for name in elem._children:
        child = getattr(elem, name)
        if isinstance(child, ListContainer):
            changed, items = False, []
            raw, parent, location = child.list, child.parent, child.location
            index = 0
            while index < len(raw):  # live, as panflute's: an action may add siblings
                item = raw[index]
                # what reading child[index] does (panflute's attach), without its cost
                item.parent, item.location, item.index = parent, location, index
                done = _walk(item, action, doc)
                if done is not item:
                    changed = True
                if type(done) is list:
                    items.extend(done)
                else:
                    items.append(done)
                index += 1
            if changed:
                setattr(elem, name, items)
        elif isinstance(child, DictContainer):
            for key in list(child.keys()):
                value = child[key]
                done = _walk(value, action, doc)
                if done == []:
                    del child[key]
                elif done is not value:
                    child[key] = done
        elif isinstance(child, pf.Element):
            done = _walk(child, action, doc)
            if done is not child:
                setattr(elem, name, done)
    altered = action(elem, doc)
    return elem if altered is None else altered
