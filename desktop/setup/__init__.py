"""Getting a data folder going: first run, demo data, and the installed program's self-test."""
