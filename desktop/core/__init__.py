"""The application's base: data folder, errors, files, settings, database binding, verify."""
