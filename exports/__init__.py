"""Writers that turn domain objects into files and text. Imports `sessions` only."""
