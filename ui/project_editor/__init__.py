"""The project editor: a dialog with the basic form and the tabs of ui.project_tabs."""
