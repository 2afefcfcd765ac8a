"""TownDesk's Qt interface. Calls desktop services only; see ui/README.md for the contract."""
