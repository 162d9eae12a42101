// Tests for the Reprogramming module.
