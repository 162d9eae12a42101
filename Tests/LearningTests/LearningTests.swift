// Tests for the Learning module.
