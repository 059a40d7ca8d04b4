"""Crosswalks between the catalogue and the formats partners exchange: MARC21 (binary and
MARCXML), UNIMARC (IranMARC, RUSMARC), TEI P5 msDesc and Dublin Core.

Pure Python: each format module turns bytes or XML into a `record.Record` (plain data)
and a `Record` back into the format; the catalogue's glue (catalogue/interchange.py)
turns a Record into rows and rows into a Record. docs/reference/crosswalks.md documents
every field.
"""
