"""Word templates filled from the project file (协议、报告、方案、公示).

Why a package of its own: the field catalogue, the checker, the sandboxed renderer and the
versioned library are separate concerns that the CLI, the GUI and sync all reach into.
  catalogue  — the fields a template may use (names, meaning, example)
  context    — the plain-dict data for one project (what the fields are filled with)
  docxsafe   — refuse non-docx, oversized, zip-bomb and XML-bomb files before anything parses them
  checker    — every placeholder well formed and known, with near matches for unknown ones
  sandbox    — the Jinja environment user templates run in (dict lookups only)
  render     — docxtpl rendering, PDF through LibreOffice where it is installed
  library    — Template rows and their .docx in the attachment store, versions, built-ins
  generated  — GeneratedDocument records, attachments, links to checklist items
"""
