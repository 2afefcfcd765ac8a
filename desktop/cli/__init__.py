"""The `towndesk` command line. Each feature registers its sub-commands in its own module."""
