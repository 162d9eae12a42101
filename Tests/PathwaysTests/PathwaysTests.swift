// Tests for the Pathways module.
