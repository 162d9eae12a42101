// Tests for the Figures module.
