// Placeholder header; the Figures work fills this C target.
