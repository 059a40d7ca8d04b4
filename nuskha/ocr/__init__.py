"""OCR: which Tesseract model reads which language, running it, hOCR, and content search.

The modules here are pure (no Django): `languages` (the language and script to model
table), `tesseract` (one Tesseract run, as a subprocess), `hocr` (hOCR to `PageText`),
`content_search` (IIIF Content Search 1.0 answers from `PageText`) and `accuracy`
(character error rate). The Django side (models, jobs, the search view) sits on top.
"""
