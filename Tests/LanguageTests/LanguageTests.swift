// Tests for the Language module.
