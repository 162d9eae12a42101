// Tests for the Console module.
