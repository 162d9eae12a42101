// The Builtins module: see ../../docs and DESIGN.md for what it holds.
