"""The window's frame: launch, main window, context, background worker, errors, help."""
