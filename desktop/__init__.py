"""TownDesk application core: services, command line, exports and sync. No Qt widgets."""
__version__ = "0.1.0"
