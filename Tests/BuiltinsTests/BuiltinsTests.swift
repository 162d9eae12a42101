// Tests for the Builtins module.
