// Tests for the Selection module.
