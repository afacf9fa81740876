"""Tools for testing examsim and its plugins without a real provider."""
