"""Per-project document checklists (资料目录对照表): states, completeness, missing documents,
attachments and printing. Services take an `App` and return plain dicts."""
