// Tests for the Recast module.
