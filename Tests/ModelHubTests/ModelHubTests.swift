// Tests for the ModelHub module.
