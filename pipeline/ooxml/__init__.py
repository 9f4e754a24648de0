"""The OOXML layer: the only code of the pipeline that touches zip and lxml.

    package   zip in and out, hardened parsing, deterministic writing
    ns        namespaces and Clark names; schema: child order as data
    build     the element builders; wordml: reading and touching paragraphs and runs
    styles    the styles part; parts: header, content types, document properties
    sections  section breaks and page set-up; fields: cached field results
    rels      relationships carried from one package into another
"""
