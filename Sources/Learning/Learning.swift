// The Learning module: see ../../docs and DESIGN.md for what it holds.
